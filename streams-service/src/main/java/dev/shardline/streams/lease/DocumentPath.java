package dev.shardline.streams.lease;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document path of an expression: an attribute name, then map keys ({@code a.b}) and list indexes ({@code a[0]}).
 * Each element is a {@link String} or an {@link Integer}.
 */
record DocumentPath(List<Object> elements) implements Expression.Operand {

    DocumentPath {
        // every attribute name an update or condition names passes here, before it can reach a stored item
        elements.stream().filter(String.class::isInstance).forEach(name -> AttributeValues.storable((String) name));
    }

    String attribute() {
        return (String) elements.get(0);
    }

    boolean isTopLevel() {
        return elements.size() == 1;
    }

    @Override
    public JsonNode value(ObjectNode item) {
        JsonNode current = item.get(attribute());
        for (Object element : elements.subList(1, elements.size())) {
            if (current == null) {
                return null;
            }
            current = element instanceof String key
                    ? current.path("M").get(key)
                    : current.path("L").get((Integer) element);
        }
        return current;
    }

    /**
     * Sets the value at this path; a path inside a map or list that is not there is refused as DynamoDB refuses it.
     */
    void set(ObjectNode item, JsonNode value) {
        if (isTopLevel()) {
            item.set(attribute(), value);
            return;
        }
        JsonNode parent = parent(item);
        Object last = elements.get(elements.size() - 1);
        if (last instanceof String key && parent != null && parent.get("M") instanceof ObjectNode map) {
            map.set(key, value);
        } else if (last instanceof Integer index && parent != null && parent.get("L") instanceof ArrayNode list) {
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value); // DynamoDB appends when the index is past the end
            }
        } else {
            throw invalidForUpdate();
        }
    }

    void remove(ObjectNode item) {
        if (isTopLevel()) {
            item.remove(attribute());
            return;
        }
        JsonNode parent = parent(item);
        Object last = elements.get(elements.size() - 1);
        if (last instanceof String key && parent != null && parent.get("M") instanceof ObjectNode map) {
            map.remove(key);
        } else if (last instanceof Integer index && parent != null && parent.get("L") instanceof ArrayNode list) {
            if (index < list.size()) {
                list.remove(index.intValue());
            }
        } else if (parent == null) {
            throw invalidForUpdate();
        }
    }

    private JsonNode parent(ObjectNode item) {
        return new DocumentPath(elements.subList(0, elements.size() - 1)).value(item);
    }

    private static RuntimeException invalidForUpdate() {
        return AttributeValues.invalid("The document path provided in the update expression is invalid for update");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(attribute());
        for (Object element : elements.subList(1, elements.size())) {
            text.append(element instanceof String key ? "." + key : "[" + element + "]");
        }
        return text.toString();
    }
}
