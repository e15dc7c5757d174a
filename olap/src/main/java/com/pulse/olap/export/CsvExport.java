package com.pulse.olap.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link PivotSheet} as CSV: RFC 4180 (CRLF, a field quoted when it holds a comma, quote or line break,
 * quotes doubled), UTF-8 with a byte-order mark so Excel reads zh-CN labels right. What XLSX merges is repeated in
 * every cell it covers for members (each line carries its whole path, so sorting or filtering the file in a
 * spreadsheet keeps its meaning); "Subtotal"/"Total" stand once, the cells they span stay empty. Numbers are written
 * exactly as the JSON has them; text a spreadsheet would run as a formula gets a leading {@code '}.
 */
final class CsvExport {

    static final String BOM = "\uFEFF";

    private CsvExport() {
    }

    static void write(PivotSheet grid, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        w.write(BOM);
        for (PivotSheet.Row row : grid.header()) {
            line(w, row);
        }
        for (int i = 0; i < grid.bodyRows(); i++) {
            line(w, grid.body(i));
        }
        w.flush();
    }

    private static void line(Writer w, PivotSheet.Row row) throws IOException {
        for (int c = 0; c < row.cells().size(); c++) {
            if (c > 0) {
                w.write(',');
            }
            w.write(field(row.cells().get(c).value()));
        }
        w.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String text = Formulas.defuse(value.toString());
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
