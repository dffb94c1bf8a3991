package dev.shardline.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes a request tree as JSON text or CBOR by hand rather than through Jackson, so that what a conforming encoder
 * refuses to write (duplicate keys, NaN in JSON, lone surrogates, invalid UTF-8, nesting thousands deep, CBOR big
 * numbers) can be put at any member.
 */
final class Encoder {

    /** A member name ending with this suffix is written without it: a second member of the same name. */
    static final String DUPLICATE = "\u0000duplicate";

    enum Wire {
        JSON,
        CBOR
    }

    private Encoder() {}

    static byte[] encode(JsonNode tree, Wire wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (wire == Wire.JSON) {
            json(tree, out);
        } else {
            cbor(tree, out);
        }
        return out.toByteArray();
    }

    private static void json(JsonNode node, ByteArrayOutputStream out) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Special special) {
            jsonSpecial(special, out);
        } else if (node.isObject()) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                jsonString(name(member.getKey()), out);
                out.write(':');
                json(member.getValue(), out);
            }
            out.write('}');
        } else if (node.isArray()) {
            out.write('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                json(node.get(i), out);
            }
            out.write(']');
        } else if (node.isBinary()) {
            jsonString(java.util.Base64.getEncoder().encodeToString(node.binaryValue()), out);
        } else if (node.isString()) {
            jsonString(node.asString(), out);
        } else {
            out.writeBytes(node.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void jsonSpecial(Special special, ByteArrayOutputStream out) {
        String text = switch (special.kind()) {
            case NAN -> "NaN";
            case POSITIVE_INFINITY -> "Infinity";
            case NEGATIVE_INFINITY -> "-Infinity";
            case HUGE_INTEGER -> "1" + "0".repeat(special.size());
            case HUGE_EXPONENT -> "1e" + special.size();
            case LONG_DECIMAL -> "0." + "1".repeat(special.size());
            case LONE_SURROGATE -> "\"a\\ud800b\"";
            case DEEP_ARRAYS -> "[".repeat(special.size()) + "]".repeat(special.size());
            case DEEP_OBJECTS -> "{\"a\":".repeat(special.size()) + "1" + "}".repeat(special.size());
            case INVALID_UTF8 -> null;
        };
        if (text == null) {
            out.write('"');
            out.writeBytes(special.bytes());
            out.write('"');
        } else {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void jsonString(String value, ByteArrayOutputStream out) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void cbor(JsonNode node, ByteArrayOutputStream out) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Special special) {
            cborSpecial(special, out);
        } else if (node.isObject()) {
            head(5, node.size(), out);
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                cborText(name(member.getKey()).getBytes(StandardCharsets.UTF_8), out);
                cbor(member.getValue(), out);
            }
        } else if (node.isArray()) {
            head(4, node.size(), out);
            for (JsonNode item : node) {
                cbor(item, out);
            }
        } else if (node.isBinary()) {
            byte[] bytes = node.binaryValue();
            head(2, bytes.length, out);
            out.writeBytes(bytes);
        } else if (node.isString()) {
            cborText(node.asString().getBytes(StandardCharsets.UTF_8), out);
        } else if (node.isBoolean()) {
            out.write(node.asBoolean() ? 0xf5 : 0xf4);
        } else if (node.isNull()) {
            out.write(0xf6);
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.asLong();
            if (value >= 0) {
                head(0, value, out);
            } else {
                head(1, -1 - value, out);
            }
        } else if (node.isIntegralNumber()) {
            bignum(node.bigIntegerValue(), out);
        } else {
            out.write(0xfb);
            long bits = Double.doubleToRawLongBits(node.asDouble());
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift) & 0xff);
            }
        }
    }

    private static void cborSpecial(Special special, ByteArrayOutputStream out) {
        switch (special.kind()) {
            case NAN -> out.writeBytes(new byte[] {(byte) 0xf9, 0x7e, 0x00});
            case POSITIVE_INFINITY -> out.writeBytes(new byte[] {(byte) 0xf9, 0x7c, 0x00});
            case NEGATIVE_INFINITY -> out.writeBytes(new byte[] {(byte) 0xf9, (byte) 0xfc, 0x00});
            case HUGE_INTEGER -> bignum(BigInteger.TEN.pow(special.size()), out);
            case HUGE_EXPONENT, LONG_DECIMAL -> {
                // tag 4, a decimal fraction [exponent, mantissa]
                out.write(0xc4);
                head(4, 2, out);
                head(0, special.size(), out);
                bignum(BigInteger.TEN.pow(Math.min(special.size(), 2000)), out);
            }
            case LONE_SURROGATE -> cborText(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'b'}, out);
            case INVALID_UTF8 -> cborText(special.bytes(), out);
            case DEEP_ARRAYS -> {
                for (int i = 0; i < special.size(); i++) {
                    out.write(0x81);
                }
                out.write(0xf6);
            }
            case DEEP_OBJECTS -> {
                for (int i = 0; i < special.size(); i++) {
                    out.write(0xa1);
                    cborText(new byte[] {'a'}, out);
                }
                out.write(0x01);
            }
        }
    }

    private static void bignum(BigInteger value, ByteArrayOutputStream out) {
        out.write(value.signum() < 0 ? 0xc3 : 0xc2);
        byte[] magnitude = (value.signum() < 0 ? value.negate().subtract(BigInteger.ONE) : value).toByteArray();
        head(2, magnitude.length, out);
        out.writeBytes(magnitude);
    }

    private static void cborText(byte[] utf8, ByteArrayOutputStream out) {
        head(3, utf8.length, out);
        out.writeBytes(utf8);
    }

    private static void head(int major, long value, ByteArrayOutputStream out) {
        int type = major << 5;
        if (value < 24) {
            out.write(type | (int) value);
        } else if (value < 0x100) {
            out.write(type | 24);
            out.write((int) value);
        } else if (value < 0x10000) {
            out.write(type | 25);
            out.write((int) (value >> 8));
            out.write((int) value & 0xff);
        } else if (value < 0x100000000L) {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >> shift) & 0xff);
            }
        } else {
            out.write(type | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >> shift) & 0xff);
            }
        }
    }

    private static String name(String key) {
        return key.endsWith(DUPLICATE) ? key.substring(0, key.length() - DUPLICATE.length()) : key;
    }
}
