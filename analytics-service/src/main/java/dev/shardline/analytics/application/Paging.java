package dev.shardline.analytics.application;

import java.util.List;

/** A page of a short list that AWS pages with an opaque NextToken: here the offset of the page after. */
record Paging<T>(List<T> items, String next) {

    static <T> Paging<T> of(List<T> all, String nextToken, int limit) {
        int from = 0;
        if (nextToken != null) {
            try {
                from = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw ApplicationErrors.invalidNextToken(nextToken);
            }
            if (from < 0 || from > all.size()) {
                throw ApplicationErrors.invalidNextToken(nextToken);
            }
        }
        int to = Math.min(all.size(), from + limit);
        return new Paging<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
