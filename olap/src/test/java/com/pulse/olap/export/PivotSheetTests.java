package com.pulse.olap.export;

import com.pulse.olap.labels.Language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotMatrix.Key;
import com.pulse.olap.query.PivotMatrix.Line;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** The grid both formats write, worked by hand for a 2 × 2 pivot with two measures. */
class PivotSheetTests {

    static final List<Key> COLUMNS = List.of(
            new Key(List.of("2026", "2026-Q1"), 2, "member"), new Key(List.of("2026", "2026-Q2"), 2, "member"),
            new Key(List.of("2026"), 1, "subtotal"), new Key(List.of(), 0, "total"));

    static PivotMatrix matrix(List<String> rows, List<List<String>> paths) {
        List<Line> lines = new ArrayList<>();
        int n = 1;
        for (List<String> path : paths) {
            String kind = path.size() == rows.size() ? "member" : path.isEmpty() ? "total" : "subtotal";
            List<Map<String, Object>> values = new ArrayList<>();
            for (int k = 0; k < COLUMNS.size(); k++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("count", (long) n * 10 + k);
                v.put("amountBase", k == 1 ? null : new BigDecimal(n + "." + k + "0"));
                values.add(v);
            }
            lines.add(new Line(path, path.size(), kind, values));
            n++;
        }
        return new PivotMatrix("opportunities", rows, List.of("createdYear", "createdQuarter"), List.of("count", "amountBase"),
                List.of(), List.of(), COLUMNS, lines, Map.of(), List.of());
    }

    static PivotMatrix regionByStage() {
        return matrix(List.of("region", "stage"), List.of(List.of("East", "WON"), List.of("East", "LOST"), List.of("East"),
                List.of("(none)", "WON"), List.of("(none)"), List.of()));
    }

    static String csv(PivotSheet sheet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(sheet, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headersSpanTheirColumnsAndRowsAndTotalsAreLabelled() throws IOException {
        PivotSheet sheet = new PivotSheet(regionByStage(), Language.EN);

        assertThat(sheet.headerRows()).isEqualTo(3);
        assertThat(sheet.headerColumns()).isEqualTo(2);
        assertThat(sheet.width()).isEqualTo(10);
        assertThat(csv(sheet)).isEqualTo(CsvExport.BOM + String.join("\r\n",
                ",Created (year),2026,2026,2026,2026,2026,2026,Total,",
                ",Created (quarter),2026-Q1,2026-Q1,2026-Q2,2026-Q2,Subtotal,,,",
                "Region,Stage,Count,Amount,Count,Amount,Count,Amount,Count,Amount",
                "East,WON,10,1.00,11,,12,1.20,13,1.30",
                "East,LOST,20,2.00,21,,22,2.20,23,2.30",
                "East,Subtotal,30,3.00,31,,32,3.20,33,3.30",
                "(none),WON,40,4.00,41,,42,4.20,43,4.30",
                "(none),Subtotal,50,5.00,51,,52,5.20,53,5.30",
                "Total,,60,6.00,61,,62,6.20,63,6.30") + "\r\n");
        assertThat(sheet.regions()).containsExactlyInAnyOrder(
                new PivotSheet.Region(0, 0, 2, 7),   // 2026 over its quarters and its subtotal, two measures each
                new PivotSheet.Region(0, 1, 8, 9),   // Total down to the measure row
                new PivotSheet.Region(1, 1, 2, 3),
                new PivotSheet.Region(1, 1, 4, 5),
                new PivotSheet.Region(1, 1, 6, 7),   // Subtotal of 2026
                new PivotSheet.Region(3, 5, 0, 0),   // East over its stages and its subtotal
                new PivotSheet.Region(6, 7, 0, 0),
                new PivotSheet.Region(8, 8, 0, 1));  // Total across the row header columns
        // only the first cell of a merged block is written to XLSX
        assertThat(sheet.body(1).cells().get(0)).isEqualTo(new PivotSheet.Cell("East", true));
        assertThat(sheet.header().get(0).cells().get(3)).isEqualTo(new PivotSheet.Cell("2026", true));
        assertThat(sheet.body(2).kind()).isEqualTo(PivotSheet.Kind.SUBTOTAL);
        assertThat(sheet.body(5).kind()).isEqualTo(PivotSheet.Kind.TOTAL);
    }

    @Test
    void titlesFollowTheLanguageAndMembersStayAsAnswered() throws IOException {
        String csv = csv(new PivotSheet(regionByStage(), Language.ZH_CN));
        assertThat(csv).startsWith(CsvExport.BOM + ",创建年份,2026,2026,2026,2026,2026,2026,合计,\r\n,创建季度,2026-Q1,2026-Q1,2026-Q2,2026-Q2,小计,,,\r\n"
                + "区域,阶段,数量,金额,数量,金额,数量,金额,数量,金额\r\n");
        assertThat(csv).contains("\r\n(none),小计,").endsWith("\r\n合计,,60,6.00,61,,62,6.20,63,6.30\r\n");
    }

    @Test
    void aTopNOtherLineAboveTheLastLevelIsNoSubtotal() throws IOException {
        PivotMatrix m = matrix(List.of("region", "stage"), List.of(List.of("East", "WON"), List.of("East"), List.of("(other)"), List.of()));
        List<Line> lines = new ArrayList<>(m.cells());
        Line other = lines.get(2);
        lines.set(2, new Line(other.path(), other.level(), PivotMatrix.OTHER, other.values()));
        PivotSheet sheet = new PivotSheet(new PivotMatrix(m.cube(), m.rows(), m.columns(), m.measures(), List.of(), List.of(),
                m.columnKeys(), lines, Map.of(), List.of()), Language.EN);
        assertThat(csv(sheet)).contains("\r\nEast,Subtotal,20,2.00,").contains("\r\n(other),,30,3.00,31,,32,3.20,33,3.30\r\n");
    }

    @Test
    void withoutRowDimensionsOneColumnSaysTotal() throws IOException {
        PivotSheet sheet = new PivotSheet(matrix(List.of(), List.of(List.of())), Language.EN);
        assertThat(sheet.headerColumns()).isEqualTo(1);
        assertThat(csv(sheet)).endsWith("\r\n,Count,Amount,Count,Amount,Count,Amount,Count,Amount\r\nTotal,10,1.00,11,,12,1.20,13,1.30\r\n");
    }

    @Test
    void textThatASpreadsheetWouldRunGetsAQuoteAndFieldsAreQuotedPerRfc4180() {
        assertThat(CsvExport.field("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        for (String risky : List.of("+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvExport.field(risky)).as(risky).contains("'" + risky.charAt(0));
        }
        assertThat(CsvExport.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvExport.field("Nord, \"Ost\"")).isEqualTo("\"Nord, \"\"Ost\"\"\"");
        assertThat(CsvExport.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvExport.field("华东")).isEqualTo("华东");
        // numbers are never touched, negative ones included
        assertThat(CsvExport.field(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(CsvExport.field(-3L)).isEqualTo("-3");
    }

    @Test
    void theLanguageParameterWinsThenAcceptLanguage() {
        assertThat(Language.choose("zh-CN", "en")).isEqualTo(Language.ZH_CN);
        assertThat(Language.choose("en", "zh-CN")).isEqualTo(Language.EN);
        assertThat(Language.choose(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Language.ZH_CN);
        assertThat(Language.choose(null, "fr-FR,zh;q=0.5")).isEqualTo(Language.ZH_CN);
        assertThat(Language.choose(null, "en-GB,zh-CN;q=0.9")).isEqualTo(Language.EN);
        assertThat(Language.choose(null, "fr")).isEqualTo(Language.EN);
        assertThat(Language.choose(null, ";;;")).isEqualTo(Language.EN);
        assertThat(Language.choose(null, null)).isEqualTo(Language.EN);
    }

    @Test
    void aGridWiderThanAWorksheetIsRefusedAs422BeforeWritingAndCsvTakesIt() throws IOException {
        PivotSheet fits = new PivotSheet(wide(16_382), Language.EN);   // 1 row header column, 16,382 members, the total
        assertThat(fits.width()).isEqualTo(16_384);
        XlsxExport.checkFits(fits);
        PivotSheet tooWide = new PivotSheet(wide(16_383), Language.EN);
        assertThatThrownBy(() -> XlsxExport.checkFits(tooWide)).isInstanceOf(SheetTooLarge.class)
                .hasMessageContaining("16385 columns").hasMessageContaining("at most 16384");
        ProblemDetail problem = new ExportProblems().sheetTooLarge(new SheetTooLarge("columns", 16_385, 16_384));
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).contains("export CSV");
        assertThat(csv(tooWide).split("\r\n")[1].split(",", -1)).hasSize(16_385);
    }

    // one row dimension, one column dimension of n members, one measure
    private static PivotMatrix wide(int members) {
        List<Key> keys = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            keys.add(new Key(List.of("m" + k), 1, "member"));
            values.add(Map.of("count", 1L));
        }
        keys.add(new Key(List.of(), 0, "total"));
        values.add(Map.of("count", (long) members));
        return new PivotMatrix("opportunities", List.of(), List.of("owner"), List.of("count"), List.of(), List.of(), keys,
                List.of(new Line(List.of(), 0, "total", values)), Map.of(), List.of());
    }
}
