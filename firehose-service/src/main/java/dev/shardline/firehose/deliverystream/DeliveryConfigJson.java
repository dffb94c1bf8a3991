package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.keys.SecretSeal;
import jakarta.persistence.AttributeConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.node.ObjectNode;

/** Stores a delivery stream's source and destination as JSON: new members need no migration. */
final class DeliveryConfigJson {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // The closed set of destinations, by the names older rows carry.
            .registerSubtypes(
                    new NamedType(S3Destination.class, "ExtendedS3"),
                    new NamedType(WarehouseDestination.class, "Redshift"),
                    new NamedType(HttpEndpointDestination.class, "HttpEndpoint"))
            .build();

    private DeliveryConfigJson() {}

    /**
     * The destination with its secrets sealed ({@link DestinationSecrets}). Hibernate makes it through Spring, which
     * hands it the seal.
     */
    static final class DestinationConverter implements AttributeConverter<Destination, String> {

        private final DestinationSecrets secrets;

        DestinationConverter(SecretSeal seal) {
            this.secrets = new DestinationSecrets(seal);
        }

        @Override
        public String convertToDatabaseColumn(Destination destination) {
            ObjectNode tree =
                    (ObjectNode) JSON.readTree(JSON.writerFor(Destination.class).writeValueAsString(destination));
            secrets.seal(tree);
            return JSON.writeValueAsString(tree);
        }

        @Override
        public Destination convertToEntityAttribute(String json) {
            ObjectNode tree = (ObjectNode) JSON.readTree(json);
            secrets.open(tree);
            return JSON.treeToValue(tree, Destination.class);
        }
    }

    static final class SourceConverter implements AttributeConverter<Source, String> {
        @Override
        public String convertToDatabaseColumn(Source source) {
            return JSON.writerFor(Source.class).writeValueAsString(source);
        }

        @Override
        public Source convertToEntityAttribute(String json) {
            return JSON.readValue(json, Source.class);
        }
    }
}
