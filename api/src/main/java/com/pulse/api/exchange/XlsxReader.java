package com.pulse.api.exchange;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The first sheet of an XLSX workbook as text cells (numbers and dates as Excel shows them).
 * Formula cells are refused per row by the importer, never evaluated. Anything POI cannot read
 * is a 400; POI's zip-bomb guards stay on.
 */
final class XlsxReader {

    /** A formula cell's text starts with this, so the importer reports it instead of storing the formula. */
    static final String FORMULA_MARK = "\0formula";

    static {
        // Each part of an XLSX within 10 MB inflates to well under this unless it is a bomb.
        ZipSecureFile.setMaxEntrySize(256L * 1024 * 1024);
    }

    private XlsxReader() {
    }

    static Sheet read(byte[] bytes) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw FileRejected.badFile("the workbook has no sheet");
            }
            XSSFSheet sheet = workbook.getSheetAt(0);
            if (sheet.getLastRowNum() > Limits.MAX_ROWS) {
                throw FileRejected.tooLarge("the file has more than " + Limits.MAX_ROWS + " data rows");
            }
            DataFormatter format = new DataFormatter();
            List<Sheet.Row> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                short last = row.getLastCellNum();
                if (last > Limits.MAX_COLUMNS) {
                    throw FileRejected.badFile("row " + (row.getRowNum() + 1) + ": more than " + Limits.MAX_COLUMNS + " columns");
                }
                for (int i = 0; i < Math.max(last, 0); i++) {
                    Cell cell = row.getCell(i);
                    String text;
                    if (cell == null) {
                        text = "";
                    } else if (cell.getCellType() == CellType.FORMULA) {
                        text = FORMULA_MARK;
                    } else {
                        text = format.formatCellValue(cell);
                    }
                    if (text.length() > Limits.MAX_CELL_CHARS) {
                        throw FileRejected.badFile("row " + (row.getRowNum() + 1) + ": a cell is longer than "
                                + Limits.MAX_CELL_CHARS + " characters");
                    }
                    cells.add(text);
                }
                rows.add(new Sheet.Row(row.getRowNum() + 1, cells));
            }
            if (rows.isEmpty() || rows.get(0).number() != 1) {
                throw FileRejected.badFile("the first row of the first sheet must be the header naming the columns");
            }
            Sheet.Row header = rows.remove(0);
            return new Sheet(header.cells(), rows);
        } catch (FileRejected e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw FileRejected.badFile("the file is not a readable XLSX workbook");
        }
    }
}
