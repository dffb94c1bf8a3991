package dev.shardline.streams.lease;

import dev.shardline.platform.error.AwsErrorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A table of the lease store, as the KCL creates it: a key schema (a hash key, perhaps a range key), global secondary
 * indexes, and settings that are kept and described but change nothing here (billing mode, throughput, deletion
 * protection, point-in-time recovery, tags). Tables are ACTIVE as soon as they are created, their indexes too.
 */
record LeaseTable(UUID id, String accountId, String region, String name, Definition definition, Instant createdAt) {

    /** What is stored of a table, in DynamoDB's member names. */
    record Definition(
            List<AttributeDefinition> attributeDefinitions,
            List<KeySchemaElement> keySchema,
            List<Index> globalSecondaryIndexes,
            String billingMode,
            ProvisionedThroughput provisionedThroughput,
            boolean deletionProtectionEnabled,
            boolean pointInTimeRecoveryEnabled,
            List<Tag> tags) {}

    record AttributeDefinition(String attributeName, String attributeType) {}

    record KeySchemaElement(String attributeName, String keyType) {}

    record Projection(String projectionType, List<String> nonKeyAttributes) {}

    record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {}

    record Tag(String key, String value) {}

    record Index(
            String indexName,
            List<KeySchemaElement> keySchema,
            Projection projection,
            ProvisionedThroughput provisionedThroughput) {}

    /** A key's values as the item table stores them: text, with '' for a table without a range key. */
    record Key(String hash, String range) {}

    static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    String hashKey() {
        return keyAttribute(definition.keySchema(), "HASH");
    }

    /** The range key's name, or null. */
    String rangeKey() {
        return keyAttribute(definition.keySchema(), "RANGE");
    }

    static String keyAttribute(List<KeySchemaElement> schema, String keyType) {
        return schema.stream()
                .filter(e -> keyType.equals(e.keyType()))
                .map(KeySchemaElement::attributeName)
                .findFirst()
                .orElse(null);
    }

    String attributeType(String attribute) {
        return definition.attributeDefinitions().stream()
                .filter(d -> d.attributeName().equals(attribute))
                .map(AttributeDefinition::attributeType)
                .findFirst()
                .orElse(null);
    }

    Optional<Index> index(String indexName) {
        return definition.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(indexName))
                .findFirst();
    }

    boolean isKeyAttribute(String attribute) {
        return attribute.equals(hashKey()) || attribute.equals(rangeKey());
    }

    String arn() {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    /**
     * The key of a GetItem, UpdateItem or DeleteItem: exactly the key attributes, of their types.
     *
     * @throws dev.shardline.platform.error.AwsException ValidationException as DynamoDB words it
     */
    Key key(ObjectNode key) {
        int expected = rangeKey() == null ? 1 : 2;
        if (key.size() != expected
                || !matches(key.get(hashKey()), hashKey())
                || (rangeKey() != null && !matches(key.get(rangeKey()), rangeKey()))) {
            throw AwsErrorType.VALIDATION.exception("The provided key element does not match the schema");
        }
        return keyOf(key);
    }

    /**
     * The key of an item that is to be written: its key attributes must be there and of their types, and an index's key
     * attributes, where they are there, of theirs.
     */
    Key keyOfItem(ObjectNode item) {
        for (String attribute : keyAttributes()) {
            JsonNode value = item.get(attribute);
            if (value == null) {
                throw AwsErrorType.VALIDATION.exception(
                        "One or more parameter values were invalid: Missing the key " + attribute + " in the item");
            }
            String type = AttributeValues.type(value);
            if (!type.equals(attributeType(attribute))) {
                throw AwsErrorType.VALIDATION.exception(
                        "One or more parameter values were invalid: Type mismatch for key " + attribute + " expected: "
                                + attributeType(attribute) + " actual: " + type);
            }
        }
        for (Index index : definition.globalSecondaryIndexes()) {
            for (KeySchemaElement element : index.keySchema()) {
                JsonNode value = item.get(element.attributeName());
                String expectedType = attributeType(element.attributeName());
                if (value != null && !AttributeValues.type(value).equals(expectedType)) {
                    throw AwsErrorType.VALIDATION.exception(
                            "One or more parameter values were invalid: Type mismatch for Index Key "
                                    + element.attributeName() + " Expected: " + expectedType + " Actual: "
                                    + AttributeValues.type(value) + " IndexName: " + index.indexName());
                }
            }
        }
        return keyOf(item);
    }

    private List<String> keyAttributes() {
        List<String> attributes = new ArrayList<>();
        attributes.add(hashKey());
        if (rangeKey() != null) {
            attributes.add(rangeKey());
        }
        return attributes;
    }

    private boolean matches(JsonNode value, String attribute) {
        return value != null && AttributeValues.type(value).equals(attributeType(attribute));
    }

    private Key keyOf(ObjectNode item) {
        String hash = keyText(item, hashKey());
        String range = rangeKey() == null ? "" : keyText(item, rangeKey());
        return new Key(hash, range);
    }

    private static String keyText(ObjectNode item, String attribute) {
        JsonNode value = item.get(attribute);
        String text = value.get(AttributeValues.type(value)).stringValue();
        if (text.isEmpty()) {
            throw AwsErrorType.VALIDATION.exception(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                            + " an empty string value. Key: " + attribute);
        }
        return text;
    }

    /** The key attributes of an item, as a LastEvaluatedKey names it (the index's too, for a query of an index). */
    ObjectNode keyAttributesOf(ObjectNode item, Optional<Index> index) {
        ObjectNode key = AttributeValues.NODES.objectNode();
        List<String> attributes = new ArrayList<>(keyAttributes());
        index.ifPresent(i -> i.keySchema().forEach(e -> attributes.add(e.attributeName())));
        for (String attribute : attributes) {
            if (item.has(attribute)) {
                key.set(attribute, item.get(attribute));
            }
        }
        return key;
    }
}
