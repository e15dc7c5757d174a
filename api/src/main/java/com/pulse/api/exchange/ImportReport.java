package com.pulse.api.exchange;

import java.util.List;

/**
 * The outcome of an import. {@code errors} names the file row (header = row 1), the column and
 * the reason; it is cut at {@link ImportService#MAX_REPORTED} entries, {@code failed} counts every failed row.
 */
public record ImportReport(int total, int created, int failed, List<RowProblem> errors) {

    public record RowProblem(int row, String field, String reason) {
    }
}
