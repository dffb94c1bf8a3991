package dev.shardline.local.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural mutations of a valid request tree: one member at a time gets a wrong type, goes missing, turns null or
 * gets a boundary, huge, non-finite or hostile value; or a member is added, repeated, or nested deeply.
 */
final class Mutations {

    enum Tree {
        WRONG_TYPE,
        DROP_MEMBER,
        EXTRA_MEMBER,
        NULL_MEMBER,
        NULL_IN_LIST,
        BOUNDARY,
        HUGE_NUMBER,
        NON_FINITE,
        NUL_CHARACTER,
        LONE_SURROGATE,
        INVALID_UTF8,
        DEEP_NESTING,
        DUPLICATE_KEY,
        HOSTILE_STRING
    }

    /** A place in the tree: a member of an object or an element of a list. */
    private record Slot(JsonNode parent, String name, int index, JsonNode value) {
        void set(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                object.set(name, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
    }

    private Mutations() {}

    /** Applies one mutation to the tree in place and says what it did. */
    static String apply(Tree kind, ObjectNode root, Map<JsonNode, Shapes.Limits> limits, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty() && kind != Tree.EXTRA_MEMBER && kind != Tree.DEEP_NESTING) {
            kind = Tree.EXTRA_MEMBER;
        }
        Slot slot = slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
        String where = slot == null ? "" : " at " + (slot.name() != null ? slot.name() : "[" + slot.index() + "]");
        switch (kind) {
            case WRONG_TYPE -> {
                JsonNode replacement = wrongType(slot.value(), random);
                slot.set(replacement);
                return kind + where + " -> " + replacement;
            }
            case DROP_MEMBER -> {
                Slot member = member(slots, random);
                if (member == null) {
                    return apply(Tree.EXTRA_MEMBER, root, limits, random);
                }
                ((ObjectNode) member.parent()).remove(member.name());
                return kind + " " + member.name();
            }
            case EXTRA_MEMBER -> {
                ObjectNode target = slot != null && slot.value() instanceof ObjectNode object && random.nextBoolean()
                        ? object
                        : root;
                String name = random.nextBoolean() ? "Fuzz" + random.nextInt(100) : Hostile.string(random);
                target.set(name, wrongType(Shapes.NODES.nullNode(), random));
                return kind + " " + name;
            }
            case NULL_MEMBER -> {
                slot.set(Shapes.NODES.nullNode());
                return kind + where;
            }
            case NULL_IN_LIST -> {
                Slot list = slots.stream()
                        .filter(s -> s.value().isArray())
                        .findAny()
                        .orElse(slot);
                ArrayNode array = list.value() instanceof ArrayNode existing ? existing : Shapes.NODES.arrayNode();
                array.insertNull(array.isEmpty() ? 0 : random.nextInt(array.size() + 1));
                list.set(array);
                return kind + " at " + list.name();
            }
            case BOUNDARY -> {
                return boundary(slots, limits, random, slot, where);
            }
            case HUGE_NUMBER -> {
                Special special = switch (random.nextInt(4)) {
                    case 0 -> new Special(Special.Kind.HUGE_INTEGER, 19 + random.nextInt(400), null);
                    case 1 -> new Special(Special.Kind.HUGE_EXPONENT, 309 + random.nextInt(100_000), null);
                    case 2 -> new Special(Special.Kind.LONG_DECIMAL, 100 + random.nextInt(5000), null);
                    default -> new Special(Special.Kind.HUGE_INTEGER, 1100 + random.nextInt(20_000), null);
                };
                slot.set(Shapes.NODES.pojoNode(special));
                return kind + where + " " + special;
            }
            case NON_FINITE -> {
                Special.Kind which = List.of(
                                Special.Kind.NAN, Special.Kind.POSITIVE_INFINITY, Special.Kind.NEGATIVE_INFINITY)
                        .get(random.nextInt(3));
                slot.set(Shapes.NODES.pojoNode(Special.of(which)));
                return kind + where + " " + which;
            }
            case NUL_CHARACTER -> {
                Slot text = string(slots, random, slot);
                String value = text.value().isValueNode() ? text.value().asString() : "x";
                text.set(Shapes.NODES.stringNode(value + "\u0000" + value));
                return kind + " at " + text.name();
            }
            case LONE_SURROGATE -> {
                Slot text = string(slots, random, slot);
                text.set(Shapes.NODES.pojoNode(Special.of(Special.Kind.LONE_SURROGATE)));
                return kind + " at " + text.name();
            }
            case INVALID_UTF8 -> {
                byte[][] sequences = {
                    {(byte) 0xff},
                    {(byte) 0xc0, (byte) 0x80},
                    {(byte) 0x80},
                    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    {'a', (byte) 0xe2, (byte) 0x82}
                };
                Slot text = string(slots, random, slot);
                text.set(Shapes.NODES.pojoNode(
                        new Special(Special.Kind.INVALID_UTF8, 0, sequences[random.nextInt(sequences.length)])));
                return kind + " at " + text.name();
            }
            case DEEP_NESTING -> {
                int[] depths = {64, 400, 600, 1100, 5000, 100_000};
                Special special = new Special(
                        random.nextBoolean() ? Special.Kind.DEEP_ARRAYS : Special.Kind.DEEP_OBJECTS,
                        depths[random.nextInt(depths.length)],
                        null);
                if (slot == null) {
                    root.set("Fuzz", Shapes.NODES.pojoNode(special));
                } else {
                    slot.set(Shapes.NODES.pojoNode(special));
                }
                return kind + where + " " + special;
            }
            case DUPLICATE_KEY -> {
                Slot member = member(slots, random);
                if (member == null) {
                    return apply(Tree.EXTRA_MEMBER, root, limits, random);
                }
                ((ObjectNode) member.parent())
                        .set(member.name() + Encoder.DUPLICATE, wrongType(member.value(), random));
                return kind + " " + member.name();
            }
            case HOSTILE_STRING -> {
                Slot text = string(slots, random, slot);
                String value = Hostile.string(random);
                text.set(Shapes.NODES.stringNode(value));
                return kind + " at " + text.name() + " (" + value.length() + " chars)";
            }
        }
        throw new IllegalStateException(kind.name());
    }

    private static String boundary(
            List<Slot> slots, Map<JsonNode, Shapes.Limits> limits, Random random, Slot fallback, String where) {
        List<Slot> bounded =
                slots.stream().filter(s -> limits.containsKey(s.value())).toList();
        if (bounded.isEmpty()) {
            int length = List.of(0, 1, 129, 256, 1025, 65_537).get(random.nextInt(6));
            fallback.set(Shapes.NODES.stringNode("b".repeat(length)));
            return "BOUNDARY" + where + " length " + length;
        }
        Slot slot = bounded.get(random.nextInt(bounded.size()));
        Shapes.Limits limit = limits.get(slot.value());
        List<Long> edges = new ArrayList<>();
        if (limit.min() != null) {
            edges.add(limit.min() - 1);
            edges.add(limit.min());
        }
        if (limit.max() != null) {
            edges.add(limit.max());
            edges.add(limit.max() + 1);
        }
        long edge = edges.get(random.nextInt(edges.size()));
        JsonNode replacement = switch (limit.kind()) {
            case "string" -> Shapes.NODES.stringNode("c".repeat((int) clamp(edge, 2_000_000)));
            case "blob" -> Shapes.NODES.binaryNode(new byte[(int) clamp(edge, 1_100_000)]);
            case "list", "array" -> {
                ArrayNode list = Shapes.NODES.arrayNode();
                JsonNode item = slot.value().isEmpty()
                        ? Shapes.NODES.stringNode("x")
                        : slot.value().get(0);
                for (long i = 0; i < clamp(edge, 20_000); i++) {
                    list.add(item.deepCopy());
                }
                yield list;
            }
            case "map", "object" -> {
                ObjectNode map = Shapes.NODES.objectNode();
                for (long i = 0; i < clamp(edge, 20_000); i++) {
                    map.put("k" + i, "v");
                }
                yield map;
            }
            default -> Shapes.NODES.numberNode(edge);
        };
        slot.set(replacement);
        return "BOUNDARY at " + (slot.name() != null ? slot.name() : "[" + slot.index() + "]") + " " + limit + " -> "
                + edge;
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }

    private static JsonNode wrongType(JsonNode value, Random random) {
        List<JsonNode> options = new ArrayList<>(List.of(
                Shapes.NODES.stringNode("fuzz"),
                Shapes.NODES.stringNode("12"),
                Shapes.NODES.numberNode(7),
                Shapes.NODES.numberNode(-1),
                Shapes.NODES.numberNode(2.5),
                Shapes.NODES.booleanNode(true),
                Shapes.NODES.objectNode(),
                Shapes.NODES.objectNode().put("a", 1),
                Shapes.NODES.arrayNode(),
                Shapes.NODES.arrayNode().add("x"),
                Shapes.NODES.binaryNode(new byte[] {1, 2, 3})));
        options.removeIf(option -> option.getNodeType() == value.getNodeType());
        return options.get(random.nextInt(options.size()));
    }

    private static Slot member(List<Slot> slots, Random random) {
        List<Slot> members = slots.stream().filter(s -> s.name() != null).toList();
        return members.isEmpty() ? null : members.get(random.nextInt(members.size()));
    }

    private static Slot string(List<Slot> slots, Random random, Slot fallback) {
        List<Slot> strings = slots.stream().filter(s -> s.value().isString()).toList();
        return strings.isEmpty() ? fallback : strings.get(random.nextInt(strings.size()));
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : List.copyOf(object.properties())) {
                slots.add(new Slot(object, member.getKey(), -1, member.getValue()));
                collect(member.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, array.get(i)));
                collect(array.get(i), slots);
            }
        }
    }
}
