package com.pulse.api.crud;

import com.pulse.api.system.FieldProblem;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Order, page size and position of a list request, parsed from its query parameters
 * ({@code sort=name|createdAt}, {@code order=asc|desc}, {@code limit=1..200}, {@code cursor}).
 * Default: newest first, 50 per page.
 */
public record ListRequest(SortKey sort, boolean ascending, int limit, PageCursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Adds a problem per bad parameter to {@code errors}; the result is meaningful only when none was added. */
    public static ListRequest parse(String sort, String order, String limit, String cursor, List<FieldProblem> errors) {
        SortKey key = SortKey.CREATED_AT;
        if (sort != null) {
            key = SortKey.fromParameter(sort).orElse(null);
            if (key == null) {
                errors.add(new FieldProblem("sort", "must be name or createdAt"));
                key = SortKey.CREATED_AT;
            }
        }
        boolean ascending = key == SortKey.NAME;
        if (order != null) {
            if (!order.equals("asc") && !order.equals("desc")) {
                errors.add(new FieldProblem("order", "must be asc or desc"));
            }
            ascending = order.equals("asc");
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            size = limit.matches("\\d{1,3}") ? Integer.parseInt(limit) : -1;
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new FieldProblem("limit", "must be an integer between 1 and " + MAX_LIMIT));
            }
        }
        PageCursor after = null;
        if (cursor != null) {
            after = PageCursor.decode(cursor).orElse(null);
            if (after == null || after.sort() != key || after.ascending() != ascending) {
                errors.add(new FieldProblem("cursor", "is not a cursor this API returned for this sort order"));
                after = null;
            }
        }
        return new ListRequest(key, ascending, size, after);
    }

    /** Appends the keyset condition (when continuing), the order and the limit, fetching one row more than the page. */
    public void appendTo(StringBuilder sql) {
        String column = sort.column();
        String dir = ascending ? "ASC" : "DESC";
        if (after != null) {
            sql.append(" AND (").append(column).append(", id) ").append(ascending ? '>' : '<').append(" (:afterKey, :afterId)");
        }
        sql.append(" ORDER BY ").append(column).append(' ').append(dir).append(", id ").append(dir).append(" LIMIT :limit");
    }

    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        spec = spec.bind("limit", limit + 1);
        return after == null ? spec : spec.bind("afterKey", after.key()).bind("afterId", after.id());
    }
}
