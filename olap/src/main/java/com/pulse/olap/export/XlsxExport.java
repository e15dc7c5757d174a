package com.pulse.olap.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a {@link PivotSheet} as XLSX with POI's streaming SXSSF: only {@link #WINDOW} rows are held in memory, the
 * rest go to a compressed temporary file that is deleted once the workbook is written. Strings are written inline
 * (no shared-strings table, which would grow with the result). Numbers are numeric cells with a format keeping the
 * JSON's decimals; text that a spreadsheet would take for a formula keeps its value and gets Excel's quote prefix
 * (what typing a leading {@code '} does), so it stays text even when the cell is edited.
 */
final class XlsxExport {

    static final int WINDOW = 100;
    private static final int ROW_HEADER_WIDTH = 24 * 256;
    private static final int VALUE_WIDTH = 14 * 256;

    private XlsxExport() {
    }

    /**
     * Refuses a grid a worksheet cannot hold, before the response starts (POI would fail half-way through the file).
     * The cell cap keeps the rows far below the limit, not the columns: one column dimension with 20,000 members fits
     * the cap and not a worksheet.
     */
    static void checkFits(PivotSheet grid) {
        SpreadsheetVersion xlsx = SpreadsheetVersion.EXCEL2007;
        if (grid.width() > xlsx.getMaxColumns()) {
            throw new SheetTooLarge("columns", grid.width(), xlsx.getMaxColumns());
        }
        long rows = (long) grid.headerRows() + grid.bodyRows();
        if (rows > xlsx.getMaxRows()) {
            throw new SheetTooLarge("rows", (int) Math.min(rows, Integer.MAX_VALUE), xlsx.getMaxRows());
        }
    }

    static void write(PivotSheet grid, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW, true, false);
        try {
            Styles styles = new Styles(workbook);
            SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(grid.title()));
            for (int c = 0; c < grid.width(); c++) {
                sheet.setColumnWidth(c, c < grid.headerColumns() ? ROW_HEADER_WIDTH : VALUE_WIDTH);
            }
            int r = 0;
            for (PivotSheet.Row row : grid.header()) {
                write(sheet.createRow(r++), row, styles);
            }
            for (int i = 0; i < grid.bodyRows(); i++) {
                write(sheet.createRow(r++), grid.body(i), styles);
            }
            // regions never overlap by construction; the checked variant is quadratic in their number
            for (PivotSheet.Region g : grid.regions()) {
                sheet.addMergedRegionUnsafe(new CellRangeAddress(g.firstRow(), g.lastRow(), g.firstColumn(), g.lastColumn()));
            }
            sheet.createFreezePane(grid.headerColumns(), grid.headerRows());
            workbook.write(out);
        } finally {
            // deletes the temporary sheet file (close() does too since POI 5.3, bug 68183; not left to that)
            workbook.dispose();
            workbook.close();
        }
    }

    private static void write(Row row, PivotSheet.Row cells, Styles styles) {
        boolean header = cells.kind() == PivotSheet.Kind.HEADER;
        boolean bold = header || cells.kind() == PivotSheet.Kind.SUBTOTAL || cells.kind() == PivotSheet.Kind.TOTAL;
        for (int c = 0; c < cells.cells().size(); c++) {
            PivotSheet.Cell cell = cells.cells().get(c);
            if (cell.covered() || cell.value() == null) {
                continue;
            }
            var x = row.createCell(c);
            if (cell.value() instanceof Number n) {
                x.setCellValue(n.doubleValue());
                x.setCellStyle(styles.number(bold, scale(n)));
            } else {
                String text = cell.value().toString();
                x.setCellValue(text);
                x.setCellStyle(styles.text(header, bold, Formulas.risky(text)));
            }
        }
    }

    private static int scale(Number n) {
        return n instanceof BigDecimal d ? Math.max(d.scale(), 0) : 0;
    }

    /** Cell styles made once per kind (a workbook holds at most 64,000). */
    private static final class Styles {

        private final SXSSFWorkbook workbook;
        private final Font boldFont;
        private final Map<String, CellStyle> made = new HashMap<>();

        Styles(SXSSFWorkbook workbook) {
            this.workbook = workbook;
            this.boldFont = workbook.createFont();
            boldFont.setBold(true);
        }

        CellStyle text(boolean header, boolean bold, boolean quoted) {
            return made.computeIfAbsent("t" + header + bold + quoted, k -> {
                CellStyle s = workbook.createCellStyle();
                if (bold) {
                    s.setFont(boldFont);
                }
                s.setQuotePrefixed(quoted);
                s.setVerticalAlignment(VerticalAlignment.TOP);
                if (header) {
                    s.setAlignment(HorizontalAlignment.CENTER);
                }
                return s;
            });
        }

        CellStyle number(boolean bold, int scale) {
            return made.computeIfAbsent("n" + bold + scale, k -> {
                CellStyle s = workbook.createCellStyle();
                if (bold) {
                    s.setFont(boldFont);
                }
                s.setDataFormat(workbook.createDataFormat().getFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale)));
                return s;
            });
        }
    }
}
