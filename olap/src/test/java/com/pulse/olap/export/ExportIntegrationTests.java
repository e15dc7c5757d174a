package com.pulse.olap.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /olap/v1/pivot.xlsx} and {@code .csv} against {@code POST /olap/v1/pivot} on a devstack ClickHouse
 * database holding {@link ExportFixture}: for each shape every cell of the XLSX (read back with XSSF) and of the CSV
 * (parsed) is compared with the JSON matrix, and so are the merged header regions. The expected grid is derived here
 * from the JSON's header trees, independently of the export's own layout code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ExportIntegrationTests.class);
    static final int MAX_CELLS = 1000;
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
        r.add("pulse.olap.pivot.max-cells", () -> String.valueOf(MAX_CELLS));
    }

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record Header(String member, String label, List<Header> children) {
    }

    record Key(List<String> path, int level, String kind) {
    }

    record Line(List<String> path, int level, String kind, List<Map<String, Object>> values) {
    }

    record Matrix(String cube, List<String> rows, List<String> columns, List<String> measures, List<Header> rowHeaders,
                  List<Header> columnHeaders, List<Key> columnKeys, List<Line> cells,
                  Map<String, Map<String, String>> labels, List<String> warnings) {
    }

    record ErrorJson(String field, String reason, List<String> validValues) {
    }

    record ProblemJson(int status, String title, String detail, List<ErrorJson> errors) {
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        gateway.migrate();
        gateway.execute("SYSTEM STOP MERGES opportunities");
        for (Map<String, Object> row : ExportFixture.rows()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
    }

    static List<Map<String, Object>> shapes() {
        return List.of(
                // 2 row dimensions × 1 column dimension, subtotals, February empty, a (none) region, hostile regions
                body(List.of("region", "stage"), List.of("createdMonth"), List.of("count"), null),
                // 1 × 2
                body(List.of("region"), List.of("createdQuarter", "stage"), List.of("amountBase"), null),
                // every measure: ratios and means null where nothing divides, a (none) owner
                body(List.of("owner", "stage"), List.of("createdMonth"),
                        List.of("count", "amountBase", "weighted", "avgDealSize", "winRate"), null),
                // no row dimension, two column dimensions, two measures
                body(List.of(), List.of("region", "createdMonth"), List.of("count", "winRate"), null),
                // no column dimension, ordered by a measure
                body(List.of("stage"), List.of(), List.of("count"), Map.of("by", "count", "direction", "desc")),
                // 3 × 2, (none) closed quarters
                body(List.of("createdYear", "region", "stage"), List.of("closedQuarter", "forecastCategory"),
                        List.of("count", "amountBase"), null),
                // an empty month above another dimension: a subtotal with nothing under it, in rows and in columns
                body(List.of("createdMonth", "stage"), List.of("region"), List.of("count"), null),
                body(List.of("stage"), List.of("createdMonth", "region"), List.of("count", "amountBase"), null),
                // top-N: "(other)" lines at every row level, leaves with nothing beside them
                top(body(List.of("region", "stage", "owner"), List.of("createdQuarter"), List.of("count", "amountBase"), null)));
    }

    @Test
    void everyCellOfTheXlsxAndTheCsvIsTheJsonMatrixInEnglishAndChinese() throws IOException {
        int shapes = 0;
        long cellsCompared = 0;
        long others = 0;
        for (Map<String, Object> body : shapes()) {
            others += pivot(body, "en").cells().stream().filter(l -> l.kind().equals("other") && l.path().size() < 3).count();
            for (String lang : List.of("en", "zh-CN")) {
                // the members' labels are the JSON's in the same language
                Matrix matrix = pivot(body, lang);
                Expected expected = expected(matrix, lang);
                // the language once by the parameter, once by Accept-Language
                byte[] xlsx = download("/olap/v1/pivot.xlsx" + (lang.equals("en") ? "?lang=en" : ""), body, XLSX,
                        lang.equals("en") ? "zh-CN" : "zh-CN,zh;q=0.9,en;q=0.5");
                byte[] csv = download("/olap/v1/pivot.csv?lang=" + lang, body, new MediaType("text", "csv", StandardCharsets.UTF_8), null);
                cellsCompared += checkXlsx(xlsx, expected, body + " " + lang);
                cellsCompared += checkCsv(csv, expected, body + " " + lang);
            }
            shapes++;
        }
        assertThat(shapes).isEqualTo(9);
        assertThat(others).as("(other) lines above the last row level").isGreaterThan(1);
        assertThat(cellsCompared).isGreaterThan(2000);
    }

    @Test
    void everyCubeOfTheCatalogueExportsWithItsOwnTitles() throws IOException {
        List<Map<?, ?>> cubes = cubes();
        assertThat(cubes).hasSizeGreaterThan(1);
        for (Map<?, ?> cube : cubes) {
            List<String> dimensions = ((List<?>) cube.get("dimensions")).stream().map(d -> (String) ((Map<?, ?>) d).get("name")).toList();
            List<String> measures = ((List<?>) cube.get("measures")).stream().map(x -> (String) ((Map<?, ?>) x).get("name")).toList();
            Map<String, Object> body = body(dimensions.subList(0, 1), dimensions.subList(1, 2), measures, null);
            body.put("cube", cube.get("name"));
            for (String lang : List.of("en", "zh-CN")) {
                Matrix matrix = pivot(body, lang);
                Expected expected = expected(matrix, lang);
                checkXlsx(download("/olap/v1/pivot.xlsx?lang=" + lang, body, null, null), expected, body + " " + lang);
                checkCsv(download("/olap/v1/pivot.csv?lang=" + lang, body, null, null), expected, body + " " + lang);
            }
        }
    }

    @Test
    void hostileMembersArePrefixedInTheCsvAndQuotePrefixedTextInTheXlsx() throws IOException {
        Map<String, Object> body = body(List.of("region"), List.of("stage"), List.of("count"), null);
        String csv = new String(download("/olap/v1/pivot.csv", body, null, null), StandardCharsets.UTF_8);
        // the member as stored, behind a single quote; numbers untouched
        assertThat(csv).contains("\r\n'=cmd|' /C calc'!A0,").doesNotContain("\r\n=cmd")
                .contains(",'@SUM(1+1),").contains("\r\n\"Nord, \"\"Ost\"\"\",");
        assertThat(parse(csv.substring(1)).stream().flatMap(List::stream).filter(f -> f.startsWith("=") || f.startsWith("@"))).isEmpty();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download("/olap/v1/pivot.xlsx", body, null, null)))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<Cell> formula = new ArrayList<>();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(ExportFixture.FORMULA)) {
                        formula.add(cell);
                    }
                }
            }
            // the label is the member itself, marked as text the way Excel marks a typed leading '
            assertThat(formula).hasSize(1);
            assertThat(formula.get(0).getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    @Test
    void filesAreNamedForTheCubeAndTheDayAndTheTemporaryFilesAreDeleted() {
        Map<String, Object> body = body(List.of("stage"), List.of(), List.of("count"), null);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        EntityExchangeResult<byte[]> xlsx = post("/olap/v1/pivot.xlsx", body, null, null).expectStatus().isOk()
                .expectHeader().contentType(XLSX)
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"opportunities-" + today + ".xlsx\"")
                .expectBody(byte[].class).returnResult();
        assertThat(xlsx.getResponseBody()).startsWith('P', 'K');
        post("/olap/v1/pivot.csv", body, null, null).expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"opportunities-" + today + ".csv\"");
        // SXSSF's temporary sheet file (in java.io.tmpdir/poifiles) is gone once the workbook is written
        Path poiFiles = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sxssfFiles(poiFiles)).isEmpty());
    }

    @Test
    void badRequestsGetTheJsonPivotsProblemNotAFile() {
        Map<String, Object> unknown = body(List.of("stage", "owner_id"), List.of(), List.of("count"), null);
        Map<String, Object> tooBig = body(List.of("region", "stage", "owner"), List.of("createdMonth", "expectedCloseMonth"),
                List.of("count", "amountBase", "weighted", "avgDealSize", "winRate"), null);
        ProblemJson pivotUnknown = problem("/olap/v1/pivot", unknown, null, 400);
        ProblemJson pivotTooBig = problem("/olap/v1/pivot", tooBig, null, 422);
        for (String uri : List.of("/olap/v1/pivot.xlsx", "/olap/v1/pivot.csv")) {
            for (MediaType accept : Arrays.asList(null, XLSX, MediaType.parseMediaType("text/csv"))) {
                assertThat(problem(uri, unknown, accept, 400)).isEqualTo(pivotUnknown);
                assertThat(problem(uri, tooBig, accept, 422)).isEqualTo(pivotTooBig);
            }
            ProblemJson lang = problem(uri + "?lang=fr", body(List.of("stage"), List.of(), List.of("count"), null), null, 400);
            assertThat(lang.errors()).extracting(ErrorJson::field).containsExactly("lang");
            assertThat(lang.errors().get(0).validValues()).containsExactly("en", "zh-CN");
            for (String unreadable : List.of("{", "[]", "")) {
                http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(unreadable).exchange()
                        .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        assertThat(pivotUnknown.errors().get(0).field()).isEqualTo("rows[1]");
        assertThat(pivotTooBig.detail()).contains("limit of " + MAX_CELLS);
    }

    // ---- what the files must hold, derived from the JSON matrix

    /** The grid: what XLSX holds per cell (only a merged block's first cell), what CSV holds, merged blocks, row kinds. */
    record Expected(int headerRows, int headerColumns, Object[][] xlsx, String[][] csv, Set<String> merged, List<String> kinds) {
    }

    private Expected expected(Matrix m, String lang) {
        Map<String, String> labels = labels(m.cube(), lang);
        String total = lang.equals("en") ? "Total" : "合计";
        String subtotal = lang.equals("en") ? "Subtotal" : "小计";
        int r = m.rows().size();
        int c = m.columns().size();
        int measures = m.measures().size();
        int w = Math.max(r, 1);
        int h = c + 1;
        int width = w + m.columnKeys().size() * measures;
        Grid g = new Grid(h + m.cells().size(), width);
        for (int i = 0; i < c; i++) {
            g.put(i, w - 1, labels.get("d:" + m.columns().get(i)));
        }
        for (int j = 0; j < r; j++) {
            g.put(c, j, labels.get("d:" + m.rows().get(j)));
        }
        // columns: a member heads its children and its subtotal; a subtotal's label reaches down to the measure row
        List<List<String>> keys = new ArrayList<>();
        int col = columns(g, m.columnHeaders(), 0, w, List.of(), keys, c, measures, subtotal);
        if (c > 0) {
            g.block(0, c - 1, col, col + measures - 1, total, false);
        }
        keys.add(List.of());
        assertThat(keys).isEqualTo(m.columnKeys().stream().map(Key::path).toList());
        for (int k = 0; k < keys.size(); k++) {
            for (int x = 0; x < measures; x++) {
                g.put(c, w + k * measures + x, labels.get("m:" + m.measures().get(x)));
            }
        }
        // rows the same way down the row header columns
        List<List<String>> lines = new ArrayList<>();
        int row = rows(g, m.rowHeaders(), 0, h, List.of(), lines, w, subtotal);
        g.block(row, row, 0, w - 1, total, false);
        lines.add(List.of());
        assertThat(lines).isEqualTo(m.cells().stream().map(Line::path).toList());
        for (int i = 0; i < m.cells().size(); i++) {
            List<Map<String, Object>> values = m.cells().get(i).values();
            for (int k = 0; k < values.size(); k++) {
                for (int x = 0; x < measures; x++) {
                    Object v = values.get(k).get(m.measures().get(x));
                    g.xlsx[h + i][w + k * measures + x] = v;
                    g.csv[h + i][w + k * measures + x] = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                }
            }
        }
        return new Expected(h, w, g.xlsx, g.csv, g.merged, m.cells().stream().map(Line::kind).toList());
    }

    private static int columns(Grid g, List<Header> nodes, int depth, int col, List<String> prefix, List<List<String>> keys,
                               int dimensions, int measures, String subtotal) {
        for (Header node : nodes) {
            int start = col;
            List<String> path = append(prefix, node.member());
            // above the last dimension a member has a subtotal, even an empty period with nothing under it
            if (depth < dimensions - 1) {
                col = columns(g, node.children(), depth + 1, col, path, keys, dimensions, measures, subtotal);
                g.block(depth + 1, dimensions - 1, col, col + measures - 1, subtotal, false);
            }
            keys.add(path);
            col += measures;
            g.block(depth, depth, start, col - 1, node.label(), true);
        }
        return col;
    }

    private static int rows(Grid g, List<Header> nodes, int depth, int row, List<String> prefix, List<List<String>> lines,
                            int headerColumns, String subtotal) {
        for (Header node : nodes) {
            int start = row;
            List<String> path = append(prefix, node.member());
            // the top-N "(other)" line is a leaf at any level: no subtotal, nothing beside it
            boolean other = node.member().equals("(other)") && node.children().isEmpty();
            if (depth < headerColumns - 1 && !other) {
                row = rows(g, node.children(), depth + 1, row, path, lines, headerColumns, subtotal);
                g.block(row, row, depth + 1, headerColumns - 1, subtotal, false);
            }
            lines.add(path);
            row++;
            g.block(start, row - 1, depth, depth, node.label(), true);
        }
        return row;
    }

    private static List<String> append(List<String> prefix, String member) {
        List<String> path = new ArrayList<>(prefix);
        path.add(member);
        return path;
    }

    /** The grid being derived: a block is merged in XLSX; in CSV a member repeats over it, a total label stands once. */
    static final class Grid {
        final Object[][] xlsx;
        final String[][] csv;
        final Set<String> merged = new HashSet<>();

        Grid(int rows, int columns) {
            xlsx = new Object[rows][columns];
            csv = new String[rows][columns];
            Arrays.stream(csv).forEach(line -> Arrays.fill(line, ""));
        }

        void put(int row, int column, String text) {
            xlsx[row][column] = text;
            csv[row][column] = defused(text);
        }

        void block(int firstRow, int lastRow, int firstColumn, int lastColumn, String text, boolean repeated) {
            xlsx[firstRow][firstColumn] = text;
            for (int r = firstRow; r <= lastRow; r++) {
                for (int c = firstColumn; c <= lastColumn; c++) {
                    csv[r][c] = repeated || (r == firstRow && c == firstColumn) ? defused(text) : "";
                }
            }
            if (firstRow != lastRow || firstColumn != lastColumn) {
                merged.add(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn).formatAsString());
            }
        }
    }

    static boolean risky(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    static String defused(String text) {
        return risky(text) ? "'" + text : text;
    }

    private Map<String, String> labels(String cubeName, String lang) {
        Map<?, ?> cube = cubes().stream().filter(c -> cubeName.equals(c.get("name"))).findFirst().orElseThrow();
        String field = lang.equals("en") ? "labelEn" : "labelZhCN";
        Map<String, String> labels = new HashMap<>();
        for (Object d : (List<?>) cube.get("dimensions")) {
            labels.put("d:" + ((Map<?, ?>) d).get("name"), (String) ((Map<?, ?>) d).get(field));
        }
        for (Object x : (List<?>) cube.get("measures")) {
            labels.put("m:" + ((Map<?, ?>) x).get("name"), (String) ((Map<?, ?>) x).get(field));
        }
        return labels;
    }

    private List<Map<?, ?>> cubes() {
        String body = http.get().uri("/olap/v1/cubes").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return ((List<?>) JSON.readValue(body, Map.class).get("cubes")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
    }

    // ---- reading the files back

    private static long checkXlsx(byte[] bytes, Expected e, String what) throws IOException {
        long compared = 0;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum() + 1).as(what).isEqualTo(e.xlsx().length);
            for (int r = 0; r < e.xlsx().length; r++) {
                Row row = sheet.getRow(r);
                assertThat(row.getLastCellNum()).as(what + " row " + r).isLessThanOrEqualTo((short) e.xlsx()[r].length);
                boolean bold = r < e.headerRows() || List.of("subtotal", "total").contains(e.kinds().get(r - e.headerRows()));
                for (int c = 0; c < e.xlsx()[r].length; c++) {
                    Cell cell = row.getCell(c);
                    Object want = e.xlsx()[r][c];
                    String at = what + " " + new CellRangeAddress(r, r, c, c).formatAsString();
                    if (want == null) {
                        assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(at).isTrue();
                    } else if (want instanceof String text) {
                        assertThat(cell.getCellType()).as(at).isEqualTo(CellType.STRING);
                        assertThat(cell.getStringCellValue()).as(at).isEqualTo(text);
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as(at).isEqualTo(risky(text));
                    } else {
                        assertThat(cell.getCellType()).as(at).isEqualTo(CellType.NUMERIC);
                        assertThat(cell.getNumericCellValue()).as(at).isEqualTo(new BigDecimal(want.toString()).doubleValue());
                    }
                    if (want != null) {
                        assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).as(at + " bold").isEqualTo(bold);
                    }
                    compared++;
                }
            }
            assertThat(sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).toList())
                    .as(what).containsExactlyInAnyOrderElementsOf(e.merged());
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitTopRow()).as(what).isEqualTo((short) e.headerRows());
            assertThat(pane.getVerticalSplitLeftColumn()).as(what).isEqualTo((short) e.headerColumns());
        }
        return compared;
    }

    private static long checkCsv(byte[] bytes, Expected e, String what) {
        assertThat(bytes).as(what).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> lines = parse(text);
        List<List<String>> want = Arrays.stream(e.csv()).map(Arrays::asList).toList();
        assertThat(lines).as(what).isEqualTo(want);
        return want.stream().mapToLong(List::size).sum();
    }

    /** RFC 4180: CRLF line ends, quoted fields with doubled quotes. */
    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                line.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(field.toString());
                field.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        assertThat(field).isEmpty();
        assertThat(line).isEmpty();
        return lines;
    }

    private static List<Path> sxssfFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("poi-sxssf")).toList();
        }
    }

    // ---- HTTP

    static Map<String, Object> body(List<String> rows, List<String> columns, List<String> measures, Map<String, String> sort) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", rows);
        body.put("columns", columns);
        body.put("measures", measures);
        if (sort != null) {
            body.put("sort", sort);
        }
        return body;
    }

    static Map<String, Object> top(Map<String, Object> body) {
        body.put("top", Map.of("n", 1, "by", "count"));
        return body;
    }

    private RestTestClient.ResponseSpec post(String uri, Map<String, Object> body, MediaType accept, String acceptLanguage) {
        RestTestClient.RequestBodySpec request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (accept != null) {
            request = request.accept(accept);
        }
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        return request.body(JSON.writeValueAsString(body)).exchange();
    }

    private byte[] download(String uri, Map<String, Object> body, MediaType accept, String acceptLanguage) {
        return post(uri, body, accept, acceptLanguage).expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    private Matrix pivot(Map<String, Object> body, String lang) {
        String json = post("/olap/v1/pivot?lang=" + lang, body, null, null).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(json, Matrix.class);
    }

    private ProblemJson problem(String uri, Map<String, Object> body, MediaType accept, int status) {
        String json = post(uri, body, accept, null).expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(json, ProblemJson.class);
    }
}
