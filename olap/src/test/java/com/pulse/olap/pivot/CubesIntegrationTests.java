package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.CubesFixture;
import com.pulse.olap.query.PivotFixture;
import java.math.BigDecimal;
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
 * {@code POST /olap/v1/pivot} over the stage transitions, leads, activities and targets cubes, over HTTP on a fresh
 * devstack ClickHouse database holding {@link CubesFixture}: every row its own part, merges stopped, the superseded
 * versions and the transition delivered twice written after the current rows, so any read without FINAL counts them.
 * Each matrix is checked cell by cell, subtotals and totals included (worked out in {@link CubesFixture}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CubesIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(CubesIntegrationTests.class);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
    }

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record Line(List<String> path, int level, String kind, List<Map<String, Object>> values) {
    }

    record Key(List<String> path, int level, String kind) {
    }

    record Matrix(String cube, List<Key> columnKeys, List<Line> cells) {
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        gateway.migrate();
        for (String table : List.of("opportunities", "stage_transitions", "leads", "activities", "targets")) {
            gateway.execute("SYSTEM STOP MERGES " + table);
        }
        insert("opportunities", PivotFixture.opportunities(), PivotFixture.superseded());
        insert("stage_transitions", CubesFixture.transitions(), CubesFixture.transitionsAgain());
        insert("leads", CubesFixture.leads(), CubesFixture.supersededLeads());
        insert("activities", CubesFixture.activities(), CubesFixture.supersededActivities());
        insert("targets", CubesFixture.targets(), CubesFixture.supersededTargets());
    }

    @SafeVarargs
    private void insert(String table, List<Map<String, Object>>... batches) {
        // one part per row, the latest versions first: insertion order cannot stand in for FINAL
        for (List<Map<String, Object>> rows : batches) {
            rows.forEach(row -> gateway.insertJsonEachRow(table, List.of(row)));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCatalogueListsEveryCubeWithLabelsInBothLanguages() {
        String body = http.get().uri("/olap/v1/cubes").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<Object> cubes = (List<Object>) JSON.readValue(body, Map.class).get("cubes");
        assertThat(cubes.stream().map(c -> String.valueOf(((Map<?, ?>) c).get("name"))).toList()).containsExactly("opportunities", "stageTransitions", "openDeals", "leads", "activities", "targets");
        Map<?, ?> openDeals = (Map<?, ?>) cubes.get(2);
        assertThat(openDeals.get("labelEn")).isEqualTo("Open deals (time in stage)");
        assertThat((List<Object>) openDeals.get("dimensions")).contains(Map.of("name", "enteredMonth", "labelEn",
                "Entered stage (month)", "labelZhCN", "进入阶段月份", "grain", "month"));
        Map<?, ?> leads = (Map<?, ?>) cubes.get(3);
        assertThat(leads.get("labelZhCN")).isEqualTo("线索");
        assertThat((List<Object>) leads.get("measures")).contains(Map.of("name", "conversionRate", "labelEn", "Conversion rate",
                "labelZhCN", "转化率"));
        assertThat((List<Object>) leads.get("dimensions")).contains(Map.of("name", "createdWeek", "labelEn", "Created (week)",
                "labelZhCN", "创建周", "grain", "week"));
    }

    @Test
    void stageTransitionsByTargetStageAgainstMonth() {
        Matrix m = pivot("stageTransitions", List.of("toStage"), List.of("atMonth"), List.of("count", "amountBase", "opportunities"));
        assertThat(m.columnKeys()).extracting(Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of("2026-04"), List.of());
        assertThat(m.cells()).extracting(Line::path).containsExactly(List.of("CLOSED_LOST"), List.of("CLOSED_WON"),
                List.of("NEGOTIATION"), List.of("PROSPECTING"), List.of("QUALIFICATION"), List.of());
        Map<String, Object> zero = transitions(0, "0.00", 0);
        assertThat(m.cells().get(0).values()).containsExactly(zero, zero, transitions(1, "300.00", 1), zero, transitions(1, "300.00", 1));
        assertThat(m.cells().get(1).values()).containsExactly(zero, transitions(1, "200.00", 1), zero, transitions(1, "50.50", 1),
                transitions(2, "250.50", 2));
        assertThat(m.cells().get(2).values()).containsExactly(zero, zero, zero, transitions(1, "400.00", 1), transitions(1, "400.00", 1));
        assertThat(m.cells().get(3).values()).containsExactly(transitions(2, "300.00", 2), zero, zero, transitions(1, "999.00", 1),
                transitions(3, "1299.00", 3));
        assertThat(m.cells().get(4).values()).containsExactly(zero, zero, transitions(1, "300.00", 1), zero, transitions(1, "300.00", 1));
        assertThat(m.cells().get(5).values()).containsExactly(transitions(2, "300.00", 2), transitions(1, "200.00", 1),
                transitions(2, "600.00", 1), transitions(3, "1449.50", 2), transitions(8, "2549.50", 5));
    }

    @Test
    void leadsBySourceAgainstCreatedMonth() {
        Matrix m = pivot("leads", List.of("source"), List.of("createdMonth"), List.of("count", "converted", "disqualified", "conversionRate"));
        assertThat(m.cells()).extracting(Line::path).containsExactly(List.of("EVENT"), List.of("REFERRAL"), List.of("WEB"),
                List.of("(none)"), List.of());
        Map<String, Object> zero = leads(0, 0, 0, null);
        assertThat(m.cells().get(0).values()).containsExactly(zero, zero, leads(1, 0, 1, "0.0000"), leads(1, 0, 1, "0.0000"));
        // L3 at its latest version: NEW, not converted
        assertThat(m.cells().get(1).values()).containsExactly(zero, leads(1, 0, 0, null), zero, leads(1, 0, 0, null));
        assertThat(m.cells().get(2).values()).containsExactly(leads(2, 1, 1, "0.5000"), leads(1, 1, 0, "1.0000"), zero,
                leads(3, 2, 1, "0.6667"));
        assertThat(m.cells().get(3).values()).containsExactly(zero, zero, leads(1, 0, 0, null), leads(1, 0, 0, null));
        assertThat(m.cells().get(4).values()).containsExactly(leads(2, 1, 1, "0.5000"), leads(2, 1, 0, "1.0000"),
                leads(2, 0, 1, "0.0000"), leads(6, 2, 2, "0.5000"));
    }

    @Test
    void activitiesByTypeAgainstCompletedMonth() {
        Matrix m = pivot("activities", List.of("type"), List.of("completedMonth"), List.of("count", "completed", "overdue", "completionRate"));
        assertThat(m.columnKeys()).extracting(Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of("(none)"), List.of());
        assertThat(m.cells()).extracting(Line::path).containsExactly(List.of("CALL"), List.of("EMAIL"), List.of("MEETING"),
                List.of("VISIT"), List.of());
        Map<String, Object> zero = activities(0, 0, 0, null);
        // X2 at its latest version: a CALL, open and overdue
        assertThat(m.cells().get(0).values()).containsExactly(activities(1, 1, 0, "1.0000"), zero, zero,
                activities(1, 0, 1, "0.0000"), activities(2, 1, 1, "0.5000"));
        assertThat(m.cells().get(1).values()).containsExactly(zero, zero, activities(1, 1, 0, "1.0000"), zero, activities(1, 1, 0, "1.0000"));
        assertThat(m.cells().get(2).values()).containsExactly(zero, activities(1, 1, 0, "1.0000"), zero, zero, activities(1, 1, 0, "1.0000"));
        assertThat(m.cells().get(3).values()).containsExactly(zero, zero, zero, activities(1, 0, 0, "0.0000"), activities(1, 0, 0, "0.0000"));
        assertThat(m.cells().get(4).values()).containsExactly(activities(1, 1, 0, "1.0000"), activities(1, 1, 0, "1.0000"),
                activities(1, 1, 0, "1.0000"), activities(2, 0, 1, "0.0000"), activities(5, 3, 1, "0.6000"));
    }

    @Test
    void targetsByScopeTypeAgainstMetric() {
        Matrix m = pivot("targets", List.of("scopeType"), List.of("metric"), List.of("count", "value"));
        assertThat(m.columnKeys()).extracting(Key::path).containsExactly(
                List.of("ACTIVITIES"), List.of("NEW_LEADS"), List.of("WON_AMOUNT"), List.of());
        assertThat(m.cells()).extracting(Line::path).containsExactly(List.of("TEAM"), List.of("USER"), List.of());
        Map<String, Object> zero = targets(0, "0.00");
        assertThat(m.cells().get(0).values()).containsExactly(zero, targets(1, "50.00"), targets(2, "1300000.00"), targets(3, "1300050.00"));
        // G4 at its latest version (10000.50, not 99999.00); G7 deleted
        assertThat(m.cells().get(1).values()).containsExactly(targets(1, "40.00"), zero, targets(2, "15000.50"), targets(3, "15040.50"));
        assertThat(m.cells().get(2).values()).containsExactly(targets(1, "40.00"), targets(1, "50.00"), targets(4, "1315000.50"),
                targets(6, "1315090.50"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMeasureOrDimensionOfAnotherCubeIs400NamingTheValidOnes() {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(Map.of("cube", "leads", "rows", List.of("stage"), "measures", List.of("count"))))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        Map<?, ?> error = (Map<?, ?>) ((List<?>) JSON.readValue(json, Map.class).get("errors")).get(0);
        assertThat(error.get("field")).isEqualTo("rows[0]");
        assertThat((List<Object>) error.get("validValues")).contains("source", "campaign", "status", "createdWeek");
    }

    private Matrix pivot(String cube, List<String> rows, List<String> columns, List<String> measures) {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(Map.of("cube", cube, "rows", rows, "columns", columns, "measures", measures)))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(json, Matrix.class);
    }

    private static Map<String, Object> cell(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    static Map<String, Object> transitions(int count, String amount, int opportunities) {
        return cell("count", count, "amountBase", decimal(amount), "opportunities", opportunities);
    }

    static Map<String, Object> leads(int count, int converted, int disqualified, String rate) {
        return cell("count", count, "converted", converted, "disqualified", disqualified, "conversionRate", decimal(rate));
    }

    static Map<String, Object> activities(int count, int completed, int overdue, String rate) {
        return cell("count", count, "completed", completed, "overdue", overdue, "completionRate", decimal(rate));
    }

    static Map<String, Object> targets(int count, String value) {
        return cell("count", count, "value", decimal(value));
    }

}
