package dev.shardline.streams.lease;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attributes a read returns: all of them, or those of {@code ProjectionExpression} (or the legacy
 * {@code AttributesToGet}). A path into a map returns the map with only that member; a path into a list returns the
 * whole list (DynamoDB would return only the element).
 */
record Projections(List<DocumentPath> paths) {

    static final Projections ALL = new Projections(null);

    static Projections of(List<String> attributesToGet, String projectionExpression, Map<String, String> names) {
        if (attributesToGet != null && projectionExpression != null) {
            throw LeaseItemActions.mixed("AttributesToGet", "ProjectionExpression");
        }
        if (attributesToGet != null) {
            if (names != null) {
                throw LeaseItemActions.mixed("AttributesToGet", "ExpressionAttributeNames");
            }
            return new Projections(attributesToGet.stream()
                    .map(a -> new DocumentPath(List.of(a)))
                    .toList());
        }
        ExpressionParser parser = new ExpressionParser(names, null);
        Projections projections =
                projectionExpression == null ? ALL : new Projections(parser.projection(projectionExpression));
        parser.checkAllUsed();
        return projections;
    }

    ObjectNode apply(ObjectNode item) {
        if (paths == null) {
            return item;
        }
        ObjectNode projected = AttributeValues.NODES.objectNode();
        for (DocumentPath path : paths) {
            JsonNode value = path.value(item);
            if (value == null) {
                continue;
            }
            if (path.isTopLevel() || path.elements().stream().anyMatch(e -> e instanceof Integer)) {
                projected.set(path.attribute(), item.get(path.attribute()));
                continue;
            }
            ObjectNode container = projected;
            List<Object> elements = path.elements();
            for (int i = 0; i < elements.size() - 1; i++) {
                String name = (String) elements.get(i);
                JsonNode next = container.get(name);
                if (next == null || !next.has("M")) {
                    next = AttributeValues.NODES.objectNode().set("M", AttributeValues.NODES.objectNode());
                    container.set(name, next);
                }
                container = (ObjectNode) next.get("M");
            }
            container.set((String) elements.get(elements.size() - 1), value);
        }
        return projected;
    }
}
