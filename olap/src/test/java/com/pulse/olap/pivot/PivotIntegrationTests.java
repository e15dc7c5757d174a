package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.DataScope;
import com.pulse.olap.query.PivotCompiler;
import com.pulse.olap.query.PivotFixture;
import com.pulse.olap.query.PivotQuery;
import java.time.ZoneId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /olap/v1/cubes} and {@code POST /olap/v1/pivot} over HTTP on a fresh devstack ClickHouse database
 * holding {@link PivotFixture}, every row its own part and merges stopped, so the superseded versions are there to
 * be counted unless the read is FINAL. Cells, subtotals and totals are checked against the fixture by hand.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PivotIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(PivotIntegrationTests.class);
    static final int MAX_CELLS = 300;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
        r.add("pulse.olap.pivot.max-cells", () -> String.valueOf(MAX_CELLS));
    }

    // Exact decimals: a wrong scale (1 instead of 1.0000) fails the comparison.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record Key(List<String> path, int level, String kind) {
    }

    record Line(List<String> path, int level, String kind, List<Map<String, Object>> values) {
    }

    record Header(String member, List<Header> children) {
    }

    record Matrix(String cube, List<String> rows, List<String> columns, List<String> measures, List<Header> rowHeaders,
                  List<Header> columnHeaders, List<Key> columnKeys, List<Line> cells) {
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
        // the latest versions first: insertion order cannot stand in for FINAL
        for (Map<String, Object> row : PivotFixture.opportunities()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
        for (Map<String, Object> row : PivotFixture.superseded()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
    }

    @Test
    void theCatalogueListsTheCubeWithLabelledDimensionsMeasuresAndFilters() {
        String body = http.get().uri("/olap/v1/cubes").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Map<?, ?> cube = (Map<?, ?>) ((List<?>) JSON.readValue(body, Map.class).get("cubes")).get(0);
        assertThat(cube.get("name")).isEqualTo("opportunities");
        assertThat(cube.get("labelZhCN")).isEqualTo("商机");
        @SuppressWarnings("unchecked")
        List<Object> dimensions = (List<Object>) cube.get("dimensions");
        assertThat(dimensions).hasSize(22).contains(Map.of("name", "closedQuarter", "labelEn", "Closed (quarter)",
                "labelZhCN", "成交季度", "grain", "quarter"));
        @SuppressWarnings("unchecked")
        List<Object> measures = (List<Object>) cube.get("measures");
        @SuppressWarnings("unchecked")
        List<Object> filters = (List<Object>) cube.get("filters");
        assertThat(measures.stream().map(m -> String.valueOf(((Map<?, ?>) m).get("name"))).toList())
                .containsExactly("count", "amountBase", "weighted", "avgDealSize", "winRate");
        assertThat(filters).contains(Map.of("field", "closedDate", "labelEn", "Closed date",
                "labelZhCN", "成交日期", "ops", List.of("between", "relative")));
    }

    @Test
    void regionByStageAgainstCreatedMonthIsCheckedCellByCell() {
        Matrix m = pivot(Map.of("cube", "opportunities", "rows", List.of("region", "stage"), "columns", List.of("createdMonth"),
                "measures", List.of("count", "amountBase", "weighted", "avgDealSize", "winRate")));

        assertThat(m.columnKeys()).containsExactly(new Key(List.of("2026-01"), 1, "member"), new Key(List.of("2026-02"), 1, "member"),
                new Key(List.of("2026-03"), 1, "member"), new Key(List.of("2026-04"), 1, "member"), new Key(List.of(), 0, "total"));
        assertThat(m.rowHeaders()).extracting(Header::member).containsExactly("East", "North", "West", "(none)");
        assertThat(m.cells()).extracting(Line::path, Line::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("East", "CLOSED_WON"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("East", "PROSPECTING"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("East"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of("North", "QUALIFICATION"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("North"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of("West", "CLOSED_LOST"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("West", "NEGOTIATION"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("West"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of("(none)", "CLOSED_WON"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("(none)"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of(), "total"));
        Map<String, Object> zero = cell(0, "0.00", "0.00", null, null);
        // every cell, by months Jan Feb Mar Apr and the row total
        assertThat(m.cells().get(0).values()).containsExactly(   // East won: P2 200, January
                cell(1, "200.00", "200.00", "200.00", "1.0000"), zero, zero, zero, cell(1, "200.00", "200.00", "200.00", "1.0000"));
        assertThat(m.cells().get(1).values()).containsExactly(   // East prospecting: P1 100 at 10 %
                cell(1, "100.00", "10.00", "100.00", null), zero, zero, zero, cell(1, "100.00", "10.00", "100.00", null));
        assertThat(m.cells().get(2).values()).containsExactly(
                cell(2, "300.00", "210.00", "150.00", "1.0000"), zero, zero, zero, cell(2, "300.00", "210.00", "150.00", "1.0000"));
        assertThat(m.cells().get(3).values()).containsExactly(   // North qualification: P7 10 at 20 %, April
                zero, zero, zero, cell(1, "10.00", "2.00", "10.00", null), cell(1, "10.00", "2.00", "10.00", null));
        assertThat(m.cells().get(4).values()).isEqualTo(m.cells().get(3).values());
        assertThat(m.cells().get(5).values()).containsExactly(   // West lost: P3 300, March
                zero, zero, cell(1, "300.00", "0.00", "300.00", "0.0000"), zero, cell(1, "300.00", "0.00", "300.00", "0.0000"));
        assertThat(m.cells().get(6).values()).containsExactly(   // West negotiation: P4 400 at 80 %, April (not its old 999)
                zero, zero, zero, cell(1, "400.00", "320.00", "400.00", null), cell(1, "400.00", "320.00", "400.00", null));
        assertThat(m.cells().get(7).values()).containsExactly(
                zero, zero, cell(1, "300.00", "0.00", "300.00", "0.0000"), cell(1, "400.00", "320.00", "400.00", null),
                cell(2, "700.00", "320.00", "350.00", "0.0000"));
        assertThat(m.cells().get(8).values()).containsExactly(   // no region: P5 50.50 won, March
                zero, zero, cell(1, "50.50", "50.50", "50.50", "1.0000"), zero, cell(1, "50.50", "50.50", "50.50", "1.0000"));
        assertThat(m.cells().get(10).values()).containsExactly(  // grand totals; P6 deleted counts nowhere
                cell(2, "300.00", "210.00", "150.00", "1.0000"), zero, cell(2, "350.50", "50.50", "175.25", "0.5000"),
                cell(2, "410.00", "322.00", "205.00", null), cell(6, "1060.50", "582.50", "176.75", "0.6667"));
    }

    @Test
    void filtersAndTheNoneMemberOverHttp() {
        Matrix m = pivot(Map.of("cube", "opportunities", "rows", List.of("owner"), "measures", List.of("count", "amountBase"),
                "filters", List.of(
                        Map.of("field", "closedDate", "op", "between", "from", "2026-02-01", "to", "2026-03-31"),
                        Map.of("field", "amountBase", "op", "range", "from", 100))));
        // closed in Feb–Mar (company days) and ≥ 100: P2 (R1), P3 (R2)
        assertThat(m.cells()).extracting(Line::path).containsExactly(List.of(PivotFixture.R1), List.of(PivotFixture.R2), List.of());
        assertThat(m.cells().get(2).values().get(0)).isEqualTo(Map.of("count", 2, "amountBase", new BigDecimal("500.00")));

        Matrix none = pivot(Map.of("cube", "opportunities", "columns", List.of("owner"), "measures", List.of("count"),
                "filters", List.of(Map.of("field", "owner", "op", "in", "values", List.of("(none)", PivotFixture.R3)))));
        assertThat(none.columnKeys()).extracting(Key::path).containsExactly(List.of(PivotFixture.R3), List.of("(none)"), List.of());
        assertThat(none.cells()).hasSize(1);
        assertThat(none.cells().get(0).values()).containsExactly(Map.of("count", 1), Map.of("count", 1), Map.of("count", 2));
    }

    @Test
    void badRequestsAre400ProblemJsonNamingTheFieldAndTheValidNames() {
        ProblemJson unknown = problem(Map.of("cube", "opportunities", "rows", List.of("stage", "owner_id"), "measures", List.of("count")), 400);
        assertThat(unknown.errors()).hasSize(1);
        assertThat(unknown.errors().get(0).field()).isEqualTo("rows[1]");
        assertThat(unknown.errors().get(0).validValues()).contains("owner", "team", "createdMonth", "expectedCloseYear").hasSize(22);

        assertThat(problem(Map.of("cube", "orders", "measures", List.of("count")), 400).errors().get(0).validValues())
                .containsExactly("opportunities", "stageTransitions", "openDeals", "leads", "activities", "targets");
        assertThat(problem(Map.of("cube", "opportunities", "measures", List.of("sum")), 400).errors().get(0).validValues())
                .containsExactly("count", "amountBase", "weighted", "avgDealSize", "winRate");
        assertThat(problem(Map.of("cube", "opportunities", "measures", List.of("count"),
                "filters", List.of(Map.of("field", "stage", "op", "like", "value", "%"))), 400).errors().get(0).field())
                .isEqualTo("filters[0].op");
        assertThat(problem(Map.of("cube", "opportunities", "rows", List.of("stage"), "measures", List.of("count"),
                "sort", Map.of("by", "amount_base")), 400).errors().get(0).field()).isEqualTo("sort.by");

        for (String body : List.of("{", "[]", "{\"cube\":\"opportunities\",\"rows\":{\"a\":1},\"measures\":[\"count\"]}", "")) {
            http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aPivotOverTheCellCapIs422() {
        // rows: 6 owner × stage pairs + 4 owners + total = 11; columns: 5 month × region pairs + 4 months + total = 10;
        // × 5 measures = 550 cells > 300
        ProblemJson tooBig = problem(Map.of("cube", "opportunities", "rows", List.of("owner", "stage"),
                "columns", List.of("createdMonth", "region"),
                "measures", List.of("count", "amountBase", "weighted", "avgDealSize", "winRate")), 422);
        assertThat(tooBig.detail()).contains("550 cells").contains("limit of 300");
        // the same with one measure fits: 110 cells
        assertThat(pivot(Map.of("cube", "opportunities", "rows", List.of("owner", "stage"), "columns", List.of("createdMonth", "region"),
                "measures", List.of("count"))).cells()).hasSize(11);
    }

    @Test
    void fiveHundredHostileRequestsAreAnswered200Or400AndNeverInlined() {
        List<String> hostile = new ArrayList<>(HostileInput.strings());
        int answered = 0;
        int inlinedChecked = 0;
        for (String h : hostile) {
            // names: refused with 400 naming the field
            for (Map<String, Object> body : List.of(
                    request("cube", h),
                    request("rows", List.of(h)),
                    request("columns", List.of("stage", h)),
                    request("measures", List.of(h)),
                    request("sort", Map.of("by", h)),
                    request("sort", Map.of("by", "count", "direction", h)),
                    request("filters", List.of(Map.of("field", h, "op", "eq", "value", "x"))),
                    request("filters", List.of(Map.of("field", "stage", "op", h, "value", "x"))))) {
                int status = status(body);
                // "member" is the one valid sort key among them
                assertThat(status).as(body.toString()).isEqualTo(body.get("sort") instanceof Map<?, ?> sort && "member".equals(sort.get("by")) ? 200 : 400);
                answered++;
            }
            // values: bound, so they select nothing and are answered 200 (or 400 when not a number or a day)
            List<Map<String, Object>> bodies = valueRequests(h, h, h);
            List<Map<String, Object>> benign = valueRequests("x", "1", "2026-01-01");
            for (int i = 0; i < bodies.size(); i++) {
                int status = status(bodies.get(i));
                assertThat(status).as(bodies.get(i).toString()).isIn(200, 400);
                if (status == 200) {
                    // what is sent to ClickHouse: the same SQL text as for a harmless value; the value is only a parameter
                    CompiledQuery sent = compile(bodies.get(i));
                    assertThat(sent.sql()).isEqualTo(compile(benign.get(i)).sql());
                    if (i < 3) {
                        // the member filters carry the text itself (numbers and days are parsed first)
                        assertThat(sent.params()).anyMatch(p -> p.equals(h) || p.equals(List.of(h, "East")));
                    }
                    inlinedChecked++;
                }
                answered++;
            }
        }
        assertThat(answered).isGreaterThanOrEqualTo(500);
        assertThat(inlinedChecked).isGreaterThan(100);
    }

    private static List<Map<String, Object>> valueRequests(String text, String number, String day) {
        return List.of(
                request("filters", List.of(Map.of("field", "owner", "op", "eq", "value", text))),
                request("filters", List.of(Map.of("field", "region", "op", "in", "values", List.of(text, "East")))),
                request("filters", List.of(Map.of("field", "closedMonth", "op", "eq", "value", text))),
                request("filters", List.of(Map.of("field", "amountBase", "op", "range", "from", number))),
                request("filters", List.of(Map.of("field", "createdDate", "op", "between", "from", day, "to", "2026-12-31"))));
    }

    private static CompiledQuery compile(Map<String, Object> body) {
        return PivotCompiler.compile(JSON.readValue(JSON.writeValueAsString(body), PivotQuery.class)
                .validate(ZoneId.of("Asia/Shanghai")), DataScope.ALL, MAX_CELLS, 10);
    }

    private static Map<String, Object> request(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", List.of("stage"));
        body.put("measures", List.of("count"));
        body.put(field, value);
        return body;
    }

    private int status(Map<String, Object> body) {
        return http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body))
                .exchange().returnResult(String.class).getStatus().value();
    }

    private Matrix pivot(Map<String, Object> body) {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(json, Matrix.class);
    }

    private ProblemJson problem(Map<String, Object> body, int status) {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body))
                .exchange().expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(json, ProblemJson.class);
    }

    static Map<String, Object> cell(long count, String amount, String weighted, String avg, String winRate) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("count", (int) count);
        cell.put("amountBase", new BigDecimal(amount));
        cell.put("weighted", new BigDecimal(weighted));
        cell.put("avgDealSize", avg == null ? null : new BigDecimal(avg));
        cell.put("winRate", winRate == null ? null : new BigDecimal(winRate));
        return cell;
    }
}
