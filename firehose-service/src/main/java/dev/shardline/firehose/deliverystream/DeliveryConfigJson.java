package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import jakarta.persistence.AttributeConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/** Stores a delivery stream's source and destination as JSON: new members need no migration. */
final class DeliveryConfigJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // The closed set of destinations, by the names older rows carry.
            .registerSubtypes(
                    new NamedType(S3Destination.class, "ExtendedS3"),
                    new NamedType(WarehouseDestination.class, "Redshift"),
                    new NamedType(HttpEndpointDestination.class, "HttpEndpoint"))
            .build();

    private DeliveryConfigJson() {}

    static final class DestinationConverter implements AttributeConverter<Destination, String> {
        @Override
        public String convertToDatabaseColumn(Destination destination) {
            return JSON.writerFor(Destination.class).writeValueAsString(destination);
        }

        @Override
        public Destination convertToEntityAttribute(String json) {
            return JSON.readValue(json, Destination.class);
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
