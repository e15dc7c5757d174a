package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.DataScope;
import com.pulse.olap.query.PivotFixture;
import com.pulse.olap.query.RecordsCompiler;
import com.pulse.olap.query.RecordsQuery;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * {@code POST /olap/v1/records} over HTTP on a fresh devstack ClickHouse database holding {@link PivotFixture}
 * (merges stopped, superseded versions present): every cell of pivots asked over HTTP drills through to records
 * as many as its count whose amounts sum to its amountBase; refusals; hostile input never reaches the SQL text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(RecordsIntegrationTests.class);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
    }

    record Page(String cube, Map<String, String> cell, int pageSize, List<Map<String, Object>> records, String nextCursor) {
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        gateway.migrate();
        gateway.execute("SYSTEM STOP MERGES opportunities");
        for (Map<String, Object> row : PivotFixture.opportunities()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
        for (Map<String, Object> row : PivotFixture.superseded()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
    }

    @Test
    void everyCellOfAPivotDrillsThroughToTheFactsItCounted() {
        List<Map<String, Object>> filters = List.of(
                Map.of("field", "closedDate", "op", "between", "from", "2026-01-01", "to", "2026-12-31"),
                Map.of("field", "amountBase", "op", "range", "from", "50"));
        int checked = drillEveryCell(List.of("region", "stage"), List.of("createdMonth"), List.of())
                + drillEveryCell(List.of("owner"), List.of("closedMonth"), filters)
                + drillEveryCell(List.of("createdQuarter", "team"), List.of("expectedCloseYear"), List.of());
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void recordsOpenInTheApiAndPageWithTheCursor() {
        Page first = records(Map.of("cube", "opportunities", "cell", Map.of("region", "West"), "pageSize", 1));
        // West: P3, P4 (P4's superseded version in team E at 999.00 is not read)
        assertThat(first.records()).extracting(r -> r.get("id")).containsExactly(PivotFixture.P3);
        assertThat(first.records().get(0)).containsEntry("href", "/api/v1/opportunities/" + PivotFixture.P3)
                .containsEntry("closedAt", "2026-03-31T15:59:59Z").containsEntry("amountBase", new BigDecimal("300.00"));
        assertThat(first.nextCursor()).isNotNull();
        Page second = records(Map.of("cube", "opportunities", "cell", Map.of("region", "West"), "pageSize", 1,
                "cursor", first.nextCursor()));
        assertThat(second.records()).extracting(r -> r.get("id")).containsExactly(PivotFixture.P4);
        assertThat(second.records().get(0)).containsEntry("amountBase", new BigDecimal("400.00")).containsEntry("team", PivotFixture.A);
        assertThat(second.nextCursor()).isNull();
        // the default page holds all six
        assertThat(records(Map.of("cube", "opportunities")).records()).hasSize(6);
    }

    @Test
    void badRequestsAre400ProblemJsonNamingTheField() {
        assertThat(problem(Map.of("cube", "opportunities", "cell", Map.of("owner_id", "x")))).contains("\"field\":\"cell\"")
                .contains("\"createdMonth\"").contains("\"expectedCloseYear\"");
        assertThat(problem(Map.of("cube", "leads"))).contains("\"field\":\"cube\"").contains("[\"opportunities\",\"openDeals\"]");
        assertThat(problem(Map.of("cube", "opportunities", "pageSize", 501))).contains("\"field\":\"pageSize\"");
        assertThat(problem(Map.of("cube", "opportunities", "pageSize", 0))).contains("\"field\":\"pageSize\"");
        assertThat(problem(Map.of("cube", "opportunities", "cursor", "not-a-cursor"))).contains("\"field\":\"cursor\"");
        assertThat(problem(Map.of("cube", "opportunities", "filters", List.of(Map.of("field", "stage", "op", "like", "value", "%")))))
                .contains("\"field\":\"filters[0].op\"");
        for (String body : List.of("{", "[]", "{\"cube\":\"opportunities\",\"cell\":[\"a\"]}", "{\"cube\":\"opportunities\",\"pageSize\":\"x\"}")) {
            http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void hostileCellsCursorsAndPageSizesAreAnswered200Or400AndNeverInlined() {
        int answered = 0;
        int inlinedChecked = 0;
        List<Map<String, Object>> benign = memberRequests("x");
        for (String h : HostileInput.strings()) {
            // names and cursors: refused, naming the field
            for (Map<String, Object> body : List.of(
                    Map.<String, Object>of("cube", "opportunities", "cell", Map.of(h, "East")),
                    Map.<String, Object>of("cube", h),
                    Map.<String, Object>of("cube", "opportunities", "cursor", h),
                    Map.<String, Object>of("cube", "opportunities", "filters", List.of(Map.of("field", h, "op", "eq", "value", "x"))),
                    Map.<String, Object>of("cube", "opportunities", "pageSize", h))) {
                int status = status(body);
                if (body.containsKey("pageSize")) {
                    // JSON text that is no integer from 1 to 500 is refused; "" and "null" are Jackson's null (the default)
                    assertThat(status).as(body.toString()).isEqualTo(h.isEmpty() || "null".equals(h) ? 200 : 400);
                } else {
                    assertThat(status).as(body.toString()).isEqualTo(400);
                }
                answered++;
            }
            // members: bound, so they select nothing; the SQL text is that of a harmless member
            if (h.length() <= 1_000) {
                List<Map<String, Object>> bodies = memberRequests(h);
                for (int i = 0; i < bodies.size(); i++) {
                    assertThat(records(bodies.get(i)).records()).as(h).isEmpty();
                    CompiledQuery sent = compile(bodies.get(i));
                    assertThat(sent.sql()).isEqualTo(compile(benign.get(i)).sql());
                    assertThat(sent.params()).contains(h);
                    inlinedChecked++;
                    answered++;
                }
            }
        }
        assertThat(answered).isGreaterThanOrEqualTo(350);
        assertThat(inlinedChecked).isGreaterThan(90);
    }

    private static List<Map<String, Object>> memberRequests(String member) {
        return List.of(
                Map.of("cube", "opportunities", "cell", Map.of("region", member, "closedMonth", member)),
                Map.of("cube", "opportunities", "cell", Map.of("owner", member, "createdQuarter", member),
                        "filters", List.of(Map.of("field", "stage", "op", "eq", "value", member))));
    }

    private int drillEveryCell(List<String> rows, List<String> columns, List<Map<String, Object>> filters) {
        Map<String, Object> pivot = new LinkedHashMap<>();
        pivot.put("cube", "opportunities");
        pivot.put("rows", rows);
        pivot.put("columns", columns);
        pivot.put("measures", List.of("count", "amountBase"));
        pivot.put("filters", filters);
        PivotIntegrationTests.Matrix m = PivotIntegrationTests.JSON.readValue(http.post().uri("/olap/v1/pivot")
                .contentType(MediaType.APPLICATION_JSON).body(PivotIntegrationTests.JSON.writeValueAsString(pivot)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), PivotIntegrationTests.Matrix.class);
        int checked = 0;
        for (PivotIntegrationTests.Line line : m.cells()) {
            for (int j = 0; j < m.columnKeys().size(); j++) {
                Map<String, String> cell = new LinkedHashMap<>();
                for (int i = 0; i < line.path().size(); i++) {
                    cell.put(rows.get(i), line.path().get(i));
                }
                List<String> column = m.columnKeys().get(j).path();
                for (int i = 0; i < column.size(); i++) {
                    cell.put(columns.get(i), column.get(i));
                }
                List<Map<String, Object>> all = allPages(filters, cell);
                Map<String, Object> values = line.values().get(j);
                assertThat(all.size()).as(cell.toString()).isEqualTo(((Number) values.get("count")).intValue());
                BigDecimal sum = all.stream().map(r -> (BigDecimal) r.get("amountBase")).reduce(new BigDecimal("0.00"), BigDecimal::add);
                assertThat(sum).as(cell.toString()).isEqualTo(values.get("amountBase"));
                Set<Object> ids = new HashSet<>();
                all.forEach(r -> assertThat(ids.add(r.get("id"))).isTrue());
                checked++;
            }
        }
        return checked;
    }

    private List<Map<String, Object>> allPages(List<Map<String, Object>> filters, Map<String, String> cell) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("cube", "opportunities");
            body.put("filters", filters);
            body.put("cell", cell);
            body.put("pageSize", 2);
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            Page page = records(body);
            all.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static CompiledQuery compile(Map<String, Object> body) {
        RecordsQuery q = PivotIntegrationTests.JSON.readValue(PivotIntegrationTests.JSON.writeValueAsString(body), RecordsQuery.class);
        return RecordsCompiler.compile(q.validate(ZoneId.of("Asia/Shanghai")), DataScope.ALL, 10);
    }

    private int status(Map<String, Object> body) {
        return http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().returnResult(String.class).getStatus().value();
    }

    private Page records(Map<String, Object> body) {
        String json = http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return PivotIntegrationTests.JSON.readValue(json, Page.class);
    }

    private String problem(Map<String, Object> body) {
        return http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
