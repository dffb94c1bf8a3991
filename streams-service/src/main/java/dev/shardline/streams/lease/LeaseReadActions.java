package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.lease.Expression.And;
import dev.shardline.streams.lease.Expression.Comparison;
import dev.shardline.streams.lease.Expression.Condition;
import dev.shardline.streams.lease.Expression.Literal;
import dev.shardline.streams.lease.LeaseItems.Row;
import dev.shardline.streams.lease.LeaseTable.Index;
import dev.shardline.streams.lease.LeaseTable.Key;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scan (paginated, in parallel segments, with a filter) and Query (of a table's hash key or of a global secondary
 * index, such as the KCL's lease-owner index) on the DynamoDB wire. A page ends at {@code Limit} items read or at
 * 1 MB, as in DynamoDB; {@code LastEvaluatedKey} is there only when more items follow.
 */
@Component
class LeaseReadActions {

    private static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final int MAX_PAGE_ITEMS = 10_000;

    private final LeaseItems items;

    LeaseReadActions(LeaseItems items) {
        this.items = items;
    }

    record ScanRequest(
            String tableName,
            String indexName,
            Integer limit,
            Map<String, JsonNode> exclusiveStartKey,
            Integer segment,
            Integer totalSegments,
            String filterExpression,
            String projectionExpression,
            List<String> attributesToGet,
            Map<String, String> expressionAttributeNames,
            Map<String, JsonNode> expressionAttributeValues,
            String select,
            Boolean consistentRead) {}

    record QueryRequest(
            String tableName,
            String indexName,
            String keyConditionExpression,
            String filterExpression,
            String projectionExpression,
            List<String> attributesToGet,
            Map<String, String> expressionAttributeNames,
            Map<String, JsonNode> expressionAttributeValues,
            Integer limit,
            Map<String, JsonNode> exclusiveStartKey,
            Boolean scanIndexForward,
            String select,
            Boolean consistentRead,
            Map<String, JsonNode> keyConditions) {}

    record PageResponse(List<ObjectNode> items, Integer count, Integer scannedCount, ObjectNode lastEvaluatedKey) {}

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("Scan", ScanRequest.class, this::scan),
                AwsAction.of("Query", QueryRequest.class, this::query));
    }

    private PageResponse scan(ScanRequest request, AwsRequestContext ctx) {
        if ((request.segment() == null) != (request.totalSegments() == null)) {
            throw AwsErrorType.VALIDATION.exception(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter"
                            + " is present");
        }
        if (request.segment() != null && (request.segment() < 0 || request.totalSegments() < 1)) {
            throw AwsErrorType.VALIDATION.exception(
                    "The Segment parameter must be at least 0 and TotalSegments at" + " least 1");
        }
        if (request.segment() != null && request.segment() >= request.totalSegments()) {
            throw AwsErrorType.VALIDATION.exception("The Segment parameter is zero-based and must be less than"
                    + " parameter TotalSegments: Segment: " + request.segment() + " is not less than TotalSegments: "
                    + request.totalSegments());
        }
        ExpressionParser parser = new ExpressionParser(
                request.expressionAttributeNames(),
                LeaseItemActions.checkedValues(request.expressionAttributeValues()));
        Condition filter = request.filterExpression() == null
                ? null
                : parser.condition("FilterExpression", request.filterExpression());
        Projections projection = projection(request.attributesToGet(), request.projectionExpression(), parser);
        parser.checkAllUsed();
        LeaseTable table = items.table(ctx, request.tableName());
        Optional<Index> index = index(table, request.indexName(), request.consistentRead());
        int limit = limit(request.limit());
        Key after = request.exclusiveStartKey() == null
                ? null
                : table.key(table.keyAttributesOf(
                        AttributeValues.checkedItem(request.exclusiveStartKey()), Optional.empty()));
        List<Row> rows = items.scan(table, after, request.segment(), request.totalSegments(), limit + 1);
        if (index.isPresent()) {
            rows = rows.stream().filter(r -> inIndex(r.item(), index.get())).toList();
        }
        return page(table, index, rows, limit, filter, projection, request.select());
    }

    private PageResponse query(QueryRequest request, AwsRequestContext ctx) {
        if (request.keyConditions() != null) {
            throw AwsErrorType.VALIDATION.exception(
                    "KeyConditions is not supported by Shardline's lease store: use KeyConditionExpression");
        }
        if (request.keyConditionExpression() == null) {
            throw AwsErrorType.VALIDATION.exception(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        ExpressionParser parser = new ExpressionParser(
                request.expressionAttributeNames(),
                LeaseItemActions.checkedValues(request.expressionAttributeValues()));
        Condition keyCondition = parser.condition("KeyConditionExpression", request.keyConditionExpression());
        Condition filter = request.filterExpression() == null
                ? null
                : parser.condition("FilterExpression", request.filterExpression());
        Projections projection = projection(request.attributesToGet(), request.projectionExpression(), parser);
        parser.checkAllUsed();
        LeaseTable table = items.table(ctx, request.tableName());
        Optional<Index> index = index(table, request.indexName(), request.consistentRead());
        String hashAttribute =
                index.map(i -> LeaseTable.keyAttribute(i.keySchema(), "HASH")).orElse(table.hashKey());
        String rangeAttribute =
                index.map(i -> LeaseTable.keyAttribute(i.keySchema(), "RANGE")).orElse(table.rangeKey());
        ObjectNode hashValue = hashValue(keyCondition, hashAttribute)
                .orElseThrow(() -> AwsErrorType.VALIDATION.exception(
                        "Query condition missed key schema element: " + hashAttribute));

        Comparator<Row> order = Comparator.comparing(
                (Row r) -> rangeAttribute == null ? null : r.item().get(rangeAttribute),
                Comparator.nullsFirst(LeaseReadActions::compareValues));
        order = order.thenComparing(r -> r.key().hash())
                .thenComparing(r -> r.key().range());
        if (Boolean.FALSE.equals(request.scanIndexForward())) {
            order = order.reversed();
        }
        List<Row> rows = new ArrayList<>(items.withValue(table, hashAttribute, hashValue).stream()
                .filter(r -> keyCondition.test(r.item()))
                .filter(r -> index.isEmpty() || inIndex(r.item(), index.get()))
                .sorted(order)
                .toList());
        if (request.exclusiveStartKey() != null) {
            ObjectNode start = AttributeValues.checkedItem(request.exclusiveStartKey());
            Key startKey = table.key(table.keyAttributesOf(start, Optional.empty()));
            Row startRow = new Row(startKey, start, 0);
            Comparator<Row> finalOrder = order;
            rows.removeIf(r -> finalOrder.compare(r, startRow) <= 0);
        }
        int limit = limit(request.limit());
        return page(table, index, rows, limit, filter, projection, request.select());
    }

    /** A page's items at most: the request's Limit (at least 1), and never more than one fetch holds. */
    private static int limit(Integer requested) {
        if (requested != null && requested < 1) {
            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value '" + requested
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return requested == null ? MAX_PAGE_ITEMS : Math.min(requested, MAX_PAGE_ITEMS);
    }

    private static Projections projection(
            List<String> attributesToGet, String projectionExpression, ExpressionParser parser) {
        if (attributesToGet != null) {
            return Projections.of(attributesToGet, null, null);
        }
        return projectionExpression == null
                ? Projections.ALL
                : new Projections(parser.projection(projectionExpression));
    }

    private static Optional<Index> index(LeaseTable table, String indexName, Boolean consistentRead) {
        if (indexName == null) {
            return Optional.empty();
        }
        Index index = table.index(indexName)
                .orElseThrow(() ->
                        AwsErrorType.VALIDATION.exception("The table does not have the specified index: " + indexName));
        if (Boolean.TRUE.equals(consistentRead)) {
            throw AwsErrorType.VALIDATION.exception("Consistent reads are not supported on global secondary indexes");
        }
        return Optional.of(index);
    }

    /** An index holds the items that have all its key attributes (a sparse index). */
    private static boolean inIndex(ObjectNode item, Index index) {
        return index.keySchema().stream().allMatch(e -> item.has(e.attributeName()));
    }

    /** The value that {@code hash = :value} gives the hash key, at the top of the key condition or in its AND. */
    private static Optional<ObjectNode> hashValue(Condition condition, String hashAttribute) {
        if (condition instanceof And and) {
            return hashValue(and.left(), hashAttribute).or(() -> hashValue(and.right(), hashAttribute));
        }
        if (condition instanceof Comparison c && c.comparator() == Expression.Comparator.EQ) {
            if (c.left() instanceof DocumentPath p
                    && p.isTopLevel()
                    && p.attribute().equals(hashAttribute)
                    && c.right() instanceof Literal v) {
                return Optional.of((ObjectNode) v.attributeValue());
            }
            if (c.right() instanceof DocumentPath p
                    && p.isTopLevel()
                    && p.attribute().equals(hashAttribute)
                    && c.left() instanceof Literal v) {
                return Optional.of((ObjectNode) v.attributeValue());
            }
        }
        return Optional.empty();
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        Integer order = AttributeValues.compare(a, b);
        return order == null ? 0 : order;
    }

    private static PageResponse page(
            LeaseTable table,
            Optional<Index> index,
            List<Row> rows,
            int limit,
            Condition filter,
            Projections projection,
            String select) {
        List<ObjectNode> found = new ArrayList<>();
        int scanned = 0;
        int bytes = 0;
        ObjectNode lastEvaluatedKey = null;
        for (Row row : rows) {
            if (scanned == limit || bytes >= MAX_PAGE_BYTES) {
                Row last = rows.get(scanned - 1);
                lastEvaluatedKey = table.keyAttributesOf(last.item(), index);
                break;
            }
            scanned++;
            bytes += row.bytes();
            if (filter == null || filter.test(row.item())) {
                found.add(projection.apply(indexProjection(table, index, row.item())));
            }
        }
        boolean count = "COUNT".equals(select);
        return new PageResponse(count ? null : found, found.size(), scanned, lastEvaluatedKey);
    }

    /** What an index projects of an item: its keys and the table's, and what INCLUDE names; ALL, everything. */
    private static ObjectNode indexProjection(LeaseTable table, Optional<Index> index, ObjectNode item) {
        if (index.isEmpty()
                || index.get().projection() == null
                || "ALL".equals(index.get().projection().projectionType())) {
            return item;
        }
        ObjectNode projected = table.keyAttributesOf(item, index);
        List<String> included = index.get().projection().nonKeyAttributes();
        if ("INCLUDE".equals(index.get().projection().projectionType()) && included != null) {
            included.stream().filter(item::has).forEach(a -> projected.set(a, item.get(a)));
        }
        return projected;
    }
}
