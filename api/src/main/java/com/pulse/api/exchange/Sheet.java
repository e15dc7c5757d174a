package com.pulse.api.exchange;

import java.util.List;

/**
 * An uploaded file as text cells: the header, then the data rows with their row number in
 * the file (the header is row 1), so a report points at the line a user sees in Excel.
 */
record Sheet(List<String> header, List<Row> rows) {

    record Row(int number, List<String> cells) {

        boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }
}
