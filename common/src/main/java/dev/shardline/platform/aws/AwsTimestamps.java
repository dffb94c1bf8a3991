package dev.shardline.platform.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * AWS timestamps: epoch seconds with a fraction in JSON 1.1; CBOR tag 1 followed by epoch milliseconds in CBOR 1.1
 * (what the AWS SDKs write and read).
 */
final class AwsTimestamps {

    private static final int EPOCH_TAG = 1;

    /**
     * A reader attribute that says the value was read from CBOR, for a request decoded from its already parsed tree
     * (where the parser is no longer the CBOR one): CBOR integers are epoch milliseconds, JSON's epoch seconds.
     */
    static final String FROM_CBOR = AwsTimestamps.class.getName() + ".fromCbor";

    private AwsTimestamps() {}

    static SimpleModule module() {
        return new SimpleModule("aws-timestamps")
                .addSerializer(Instant.class, new Serializer())
                .addDeserializer(Instant.class, new Deserializer());
    }

    private static final class Serializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            if (gen instanceof CBORGenerator cbor) {
                cbor.writeTag(EPOCH_TAG);
                cbor.writeNumber(value.toEpochMilli());
            } else {
                gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
            }
        }
    }

    private static final class Deserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            boolean cbor = p instanceof CBORParser || Boolean.TRUE.equals(ctxt.getAttribute(FROM_CBOR));
            if (token == JsonToken.VALUE_NUMBER_INT) {
                long value = p.getLongValue();
                return cbor ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return fromSeconds(p.getDecimalValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getString().trim();
                try {
                    return fromSeconds(new BigDecimal(text));
                } catch (NumberFormatException notANumber) {
                    try {
                        return Instant.parse(text);
                    } catch (DateTimeParseException notIso) {
                        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not a timestamp");
                    }
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }

        private static Instant fromSeconds(BigDecimal seconds) {
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
    }
}
