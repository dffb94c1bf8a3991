package dev.shardline.firehose.destination.web;

import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Destination configurations as JSON trees, so that an update can be laid over the current configuration member by
 * member without code for each member.
 */
public final class ConfigurationTrees {

    /** Descriptions carry members that configurations lack (and the other way round): those are ignored. */
    private static final JsonMapper TREES = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ConfigurationTrees() {}

    public static ObjectNode tree(Object shape) {
        return TREES.valueToTree(shape);
    }

    public static <T> T value(ObjectNode tree, Class<T> type) {
        return TREES.treeToValue(tree, type);
    }

    /** Moves {@code from} to {@code to}, e.g. a description's S3DestinationDescription to an S3Configuration. */
    public static void rename(ObjectNode tree, String from, String to) {
        JsonNode moved = tree.remove(from);
        if (moved != null && !moved.isNull()) {
            tree.set(to, moved);
        }
    }

    /**
     * Lays {@code changes} over {@code target}: a member that is absent (null) keeps its value, an object merges member
     * by member, anything else (a string, a number, a list) replaces the current value.
     */
    public static void overlay(ObjectNode target, ObjectNode changes) {
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            JsonNode value = change.getValue();
            if (value.isNull()) {
                continue;
            }
            JsonNode old = target.get(change.getKey());
            if (value instanceof ObjectNode nested && old instanceof ObjectNode current) {
                overlay(current, nested);
            } else {
                target.set(change.getKey(), value);
            }
        }
    }
}
