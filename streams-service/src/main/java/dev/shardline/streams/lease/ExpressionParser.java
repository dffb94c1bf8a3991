package dev.shardline.streams.lease;

import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.lease.Expression.AddAction;
import dev.shardline.streams.lease.Expression.And;
import dev.shardline.streams.lease.Expression.Arithmetic;
import dev.shardline.streams.lease.Expression.Between;
import dev.shardline.streams.lease.Expression.Comparator;
import dev.shardline.streams.lease.Expression.Comparison;
import dev.shardline.streams.lease.Expression.Condition;
import dev.shardline.streams.lease.Expression.DeleteAction;
import dev.shardline.streams.lease.Expression.Function;
import dev.shardline.streams.lease.Expression.IfNotExists;
import dev.shardline.streams.lease.Expression.In;
import dev.shardline.streams.lease.Expression.ListAppend;
import dev.shardline.streams.lease.Expression.Literal;
import dev.shardline.streams.lease.Expression.Not;
import dev.shardline.streams.lease.Expression.Operand;
import dev.shardline.streams.lease.Expression.OperandValue;
import dev.shardline.streams.lease.Expression.Or;
import dev.shardline.streams.lease.Expression.RemoveAction;
import dev.shardline.streams.lease.Expression.SetAction;
import dev.shardline.streams.lease.Expression.SetValue;
import dev.shardline.streams.lease.Expression.Size;
import dev.shardline.streams.lease.Expression.UpdateAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A recursive-descent parser of DynamoDB's condition, update, key-condition and projection expressions, with the
 * request's {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues}. One parser serves one request:
 * it remembers which names and values the expressions used, so that {@link #checkAllUsed()} can refuse the unused
 * ones as DynamoDB does.
 */
final class ExpressionParser {

    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");

    private final Map<String, String> names;
    private final Map<String, JsonNode> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    // the expression being parsed
    private String kind;
    private List<String> tokens;
    private int position;

    ExpressionParser(Map<String, String> names, Map<String, JsonNode> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
        if (names != null && names.isEmpty()) {
            throw AttributeValues.invalid("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw AttributeValues.invalid("ExpressionAttributeValues must not be empty");
        }
    }

    Condition condition(String kind, String text) {
        start(kind, text);
        Condition condition = or();
        end();
        return condition;
    }

    List<UpdateAction> update(String text) {
        start("UpdateExpression", text);
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> clauses = new HashSet<>();
        while (position < tokens.size()) {
            String clause = next().toUpperCase(Locale.ROOT);
            if (!List.of("SET", "REMOVE", "ADD", "DELETE").contains(clause)) {
                throw syntax(tokens.get(position - 1));
            }
            if (!clauses.add(clause)) {
                throw invalid("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                DocumentPath path = path();
                switch (clause) {
                    case "SET" -> {
                        expect("=");
                        actions.add(new SetAction(path, setValue()));
                    }
                    case "REMOVE" -> actions.add(new RemoveAction(path));
                    case "ADD" -> actions.add(new AddAction(path, valueRef()));
                    default -> actions.add(new DeleteAction(path, valueRef()));
                }
            } while (accept(","));
        }
        if (actions.isEmpty()) {
            throw invalid("The expression can not be empty;");
        }
        checkOverlaps(actions);
        return actions;
    }

    List<DocumentPath> projection(String text) {
        start("ProjectionExpression", text);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(path());
        } while (accept(","));
        end();
        return paths;
    }

    /** Refuses names and values that the request defined but none of its expressions used. */
    void checkAllUsed() {
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw AttributeValues.invalid("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw AttributeValues.invalid("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
    }

    private void start(String kind, String text) {
        this.kind = kind;
        this.tokens = tokenize(text);
        this.position = 0;
        if (tokens.isEmpty()) {
            throw invalid("The expression can not be empty;");
        }
    }

    private void end() {
        if (position < tokens.size()) {
            throw syntax(tokens.get(position));
        }
    }

    // condition := and (OR and)* ; and := not (AND not)* ; not := NOT not | primary
    private Condition or() {
        Condition left = and();
        while (acceptKeyword("OR")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (acceptKeyword("AND")) {
            left = new And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (acceptKeyword("NOT")) {
            return new Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        String token = peek();
        String lower = token.toLowerCase(Locale.ROOT);
        if (CONDITION_FUNCTIONS.contains(token) && "(".equals(peek(1))) {
            next();
            expect("(");
            DocumentPath path = path();
            Operand argument = null;
            if (!lower.equals("attribute_exists") && !lower.equals("attribute_not_exists")) {
                expect(",");
                argument = operand();
            }
            expect(")");
            return new Function(token, path, argument);
        }
        Operand left = operand();
        if (acceptKeyword("BETWEEN")) {
            Operand low = operand();
            if (!acceptKeyword("AND")) {
                throw syntax(position < tokens.size() ? tokens.get(position) : "<EOF>");
            }
            return new Between(left, low, operand());
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(")");
            return new In(left, candidates);
        }
        String symbol = next();
        Comparator comparator = Comparator.of(symbol);
        if (comparator == null) {
            throw syntax(symbol);
        }
        return new Comparison(left, comparator, operand());
    }

    private Operand operand() {
        String token = peek();
        if (token.startsWith(":")) {
            return valueRef();
        }
        if (token.equals("size") && "(".equals(peek(1))) {
            next();
            expect("(");
            DocumentPath path = path();
            expect(")");
            return new Size(path);
        }
        return path();
    }

    private Operand valueRef() {
        String token = next();
        if (!token.startsWith(":") || token.length() == 1) {
            throw syntax(token);
        }
        JsonNode value = values.get(token);
        if (value == null) {
            throw invalid("An expression attribute value used in expression is not defined; attribute value: " + token);
        }
        usedValues.add(token);
        return new Literal(value);
    }

    // setValue := term ((+|-) term)? ; term := if_not_exists(path, setValue) | list_append(setValue, setValue) |
    // operand
    private SetValue setValue() {
        SetValue left = term();
        if (accept("+")) {
            return new Arithmetic(left, true, term());
        }
        if (accept("-")) {
            return new Arithmetic(left, false, term());
        }
        return left;
    }

    private SetValue term() {
        String token = peek();
        if (token.equals("if_not_exists") && "(".equals(peek(1))) {
            next();
            expect("(");
            DocumentPath path = path();
            expect(",");
            SetValue fallback = setValue();
            expect(")");
            return new IfNotExists(path, fallback);
        }
        if (token.equals("list_append") && "(".equals(peek(1))) {
            next();
            expect("(");
            SetValue first = setValue();
            expect(",");
            SetValue second = setValue();
            expect(")");
            return new ListAppend(first, second);
        }
        return new OperandValue(operand());
    }

    private DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name(next()));
        while (true) {
            if (accept(".")) {
                elements.add(name(next()));
            } else if (accept("[")) {
                String index = next();
                if (index.isEmpty() || index.length() > 9 || !index.chars().allMatch(Character::isDigit)) {
                    throw syntax(index);
                }
                elements.add(Integer.parseInt(index));
                expect("]");
            } else {
                return new DocumentPath(List.copyOf(elements));
            }
        }
    }

    private String name(String token) {
        if (token.startsWith("#")) {
            String name = names.get(token);
            if (name == null) {
                throw invalid("An expression attribute name used in the document path is not defined; attribute name: "
                        + token);
            }
            usedNames.add(token);
            return name;
        }
        if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
            throw syntax(token);
        }
        return token;
    }

    private void checkOverlaps(List<UpdateAction> actions) {
        Set<String> paths = new HashSet<>();
        for (UpdateAction action : actions) {
            if (!paths.add(action.path().toString())) {
                throw invalid("Two document paths overlap with each other; must remove or rewrite one of these paths;"
                        + " path one: [" + action.path() + "], path two: [" + action.path() + "]");
            }
        }
    }

    private String peek() {
        return peek(0);
    }

    private String peek(int ahead) {
        if (position + ahead >= tokens.size()) {
            if (ahead > 0) {
                return null;
            }
            throw syntax("<EOF>");
        }
        return tokens.get(position + ahead);
    }

    private String next() {
        String token = peek();
        position++;
        return token;
    }

    private boolean accept(String symbol) {
        if (position < tokens.size() && tokens.get(position).equals(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        String token = position < tokens.size() ? tokens.get(position) : "<EOF>";
        if (!accept(symbol)) {
            throw syntax(token);
        }
    }

    private AwsException syntax(String token) {
        return invalid("Syntax error; token: \"" + token + "\", near: \"" + near() + "\"");
    }

    private String near() {
        int from = Math.max(0, position - 1);
        int to = Math.min(tokens.size(), position + 2);
        return String.join(" ", tokens.subList(from, to));
    }

    private AwsException invalid(String detail) {
        return AttributeValues.invalid("Invalid " + kind + ": " + detail);
    }

    private List<String> tokenize(String text) {
        List<String> result = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '<' || c == '>') {
                boolean two =
                        i + 1 < text.length() && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'));
                result.add(text.substring(i, i + (two ? 2 : 1)));
                i += two ? 2 : 1;
            } else if ("=(),.[]+-".indexOf(c) >= 0) {
                result.add(String.valueOf(c));
                i++;
            } else if (c == '#' || c == ':' || Character.isLetterOrDigit(c) || c == '_') {
                int start = i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                result.add(text.substring(start, i));
            } else {
                this.tokens = result;
                this.position = result.size();
                throw invalid("Syntax error; token: \"" + c + "\", near: \"" + text + "\"");
            }
        }
        return result;
    }
}
