package dev.shardline.streams.lease;

import dev.shardline.streams.lease.Expression.AddAction;
import dev.shardline.streams.lease.Expression.DeleteAction;
import dev.shardline.streams.lease.Expression.RemoveAction;
import dev.shardline.streams.lease.Expression.SetAction;
import dev.shardline.streams.lease.Expression.UpdateAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The actions of an UpdateItem applied to an item: every value is computed from the item as it was, then the actions
 * change a copy in their order. An item's key cannot be changed.
 */
record ItemUpdate(List<UpdateAction> actions) {

    ItemUpdate {
        actions = List.copyOf(actions);
    }

    /** The top-level attributes the actions touch, for ReturnValues UPDATED_OLD and UPDATED_NEW. */
    Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(a -> names.add(a.path().attribute()));
        return names;
    }

    ObjectNode apply(LeaseTable table, ObjectNode before) {
        for (UpdateAction action : actions) {
            if (table.isKeyAttribute(action.path().attribute())) {
                throw AttributeValues.invalid("One or more parameter values were invalid: Cannot update attribute "
                        + action.path().attribute() + ". This attribute is part of the key");
            }
        }
        List<JsonNode> computed = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof SetAction set) {
                computed.add(set.value().value(before));
            } else if (action instanceof AddAction add) {
                computed.add(added(add, before));
            } else if (action instanceof DeleteAction delete) {
                computed.add(deleted(delete, before));
            } else {
                computed.add(null);
            }
        }
        ObjectNode after = before.deepCopy();
        for (int i = 0; i < actions.size(); i++) {
            UpdateAction action = actions.get(i);
            JsonNode value = computed.get(i);
            if (value == null) {
                if (action instanceof RemoveAction || action instanceof DeleteAction) {
                    action.path().remove(after);
                }
            } else {
                action.path().set(after, value);
            }
        }
        return after;
    }

    private static JsonNode added(AddAction add, ObjectNode before) {
        JsonNode operand = add.value().value(before);
        String type = AttributeValues.type(operand);
        if (!type.equals("N") && !AttributeValues.isSet(type)) {
            throw Expression.incorrectType();
        }
        JsonNode sum = AttributeValues.add(add.path().value(before), operand);
        if (sum == null) {
            throw Expression.incorrectType();
        }
        return sum;
    }

    /** The set without the operand's members; null (the attribute goes) when none are left or it was not there. */
    private static JsonNode deleted(DeleteAction delete, ObjectNode before) {
        JsonNode operand = delete.value().value(before);
        JsonNode current = delete.path().value(before);
        if (!AttributeValues.isSet(AttributeValues.type(operand))) {
            throw Expression.incorrectType();
        }
        if (current == null) {
            return null;
        }
        if (!AttributeValues.type(current).equals(AttributeValues.type(operand))) {
            throw Expression.incorrectType();
        }
        return AttributeValues.removeFromSet(current, operand);
    }
}
