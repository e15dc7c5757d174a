package com.pulse.api.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV (comma, double quotes, CRLF or LF) in UTF-8, an Excel BOM allowed. Strict:
 * invalid UTF-8, NUL bytes, an unterminated quote or a stray quote make the file a 400, since
 * guessing at a broken file would import wrong data.
 */
final class CsvReader {

    private CsvReader() {
    }

    static Sheet read(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw FileRejected.badFile("the file is neither UTF-8 CSV nor XLSX");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw FileRejected.badFile("the file is neither UTF-8 CSV nor XLSX (it contains NUL characters)");
        }
        List<Sheet.Row> rows = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(cell, c, recordLine);
                }
                continue;
            }
            if (c == ',') {
                endCell(record, cell, recordLine);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endCell(record, cell, recordLine);
                endRecord(rows, record, recordLine);
                record = new ArrayList<>();
                afterQuote = false;
                line++;
                recordLine = line;
            } else if (c == '"') {
                if (!cell.isEmpty() || afterQuote) {
                    throw FileRejected.badFile("row " + recordLine + ": a quote inside an unquoted cell (quote the cell and double the quote)");
                }
                quoted = true;
            } else {
                if (afterQuote) {
                    throw FileRejected.badFile("row " + recordLine + ": text after a closing quote");
                }
                append(cell, c, recordLine);
            }
        }
        if (quoted) {
            throw FileRejected.badFile("row " + recordLine + ": a quoted cell is never closed");
        }
        if (!cell.isEmpty() || !record.isEmpty() || afterQuote) {
            endCell(record, cell, recordLine);
            endRecord(rows, record, recordLine);
        }
        if (rows.isEmpty()) {
            throw FileRejected.badFile("the file is empty: a header row naming the columns is required");
        }
        Sheet.Row header = rows.remove(0);
        return new Sheet(header.cells(), rows);
    }

    private static void append(StringBuilder cell, char c, int line) {
        if (cell.length() >= Limits.MAX_CELL_CHARS) {
            throw FileRejected.badFile("row " + line + ": a cell is longer than " + Limits.MAX_CELL_CHARS + " characters");
        }
        cell.append(c);
    }

    private static void endCell(List<String> record, StringBuilder cell, int line) {
        if (record.size() >= Limits.MAX_COLUMNS) {
            throw FileRejected.badFile("row " + line + ": more than " + Limits.MAX_COLUMNS + " columns");
        }
        record.add(cell.toString());
        cell.setLength(0);
    }

    private static void endRecord(List<Sheet.Row> rows, List<String> record, int line) {
        if (rows.size() > Limits.MAX_ROWS) {
            throw FileRejected.tooLarge("the file has more than " + Limits.MAX_ROWS + " data rows");
        }
        rows.add(new Sheet.Row(line, record));
    }
}
