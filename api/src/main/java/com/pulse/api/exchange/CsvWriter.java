package com.pulse.api.exchange;

import java.util.List;

/** CSV lines (RFC 4180, CRLF) whose cells a spreadsheet will not run as formulas. */
final class CsvWriter {

    /** Excel reads a CSV as UTF-8 only when it starts with this byte order mark. */
    static final String BOM = "\uFEFF";

    private CsvWriter() {
    }

    static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String cell = Formulas.defuse(cells.get(i));
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                sb.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(cell);
            }
        }
        return sb.append("\r\n").toString();
    }
}
