package com.pulse.api.crud;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Cuts the page from {@code rows}, which were fetched with one extra row: that row
     * tells whether another page exists without a COUNT.
     */
    public static <R, T> Page<T> of(List<R> rows, ListRequest request, Function<R, T> item, Function<R, PageCursor> position) {
        boolean more = rows.size() > request.limit();
        List<R> page = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? position.apply(page.get(page.size() - 1)).encode() : null;
        return new Page<>(page.stream().map(item).toList(), next);
    }
}
