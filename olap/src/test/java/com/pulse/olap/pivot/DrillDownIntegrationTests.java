package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.PivotFixture;
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

/**
 * The drill-down recipe of DESIGN.md over HTTP on devstack ClickHouse ({@link PivotFixture}): expanding a member by
 * the next dimension is the pivot with that dimension in the rows and an {@code eq} filter on the member (a period
 * member for a date dimension), under the parent's filters. The children of every expanded member sum to the parent
 * cell column by column, and the expansion's grand total is the parent cell, ratios included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillDownIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DrillDownIntegrationTests.class);
    static final List<String> MEASURES = List.of("count", "amountBase", "weighted", "avgDealSize", "winRate");
    static final List<String> ADDITIVE = List.of("count", "amountBase", "weighted");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
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
    void expandingARegionByStageGivesChildrenThatSumToTheRegion() {
        int expanded = expandEveryMember("region", "stage", List.of("createdMonth"), List.of());
        assertThat(expanded).isEqualTo(4);   // East, North, West, (none)

        // East by stage: P2 won, P1 prospecting; P6 (East, deleted) nowhere
        PivotIntegrationTests.Matrix east = pivot(List.of("stage"), List.of(), List.of(Map.of("field", "region", "op", "eq", "value", "East")));
        assertThat(east.cells()).extracting(PivotIntegrationTests.Line::path)
                .containsExactly(List.of("CLOSED_WON"), List.of("PROSPECTING"), List.of());
    }

    @Test
    void expandingAPeriodMemberByAFinerGrainGivesItsMonths() {
        assertThat(expandEveryMember("createdQuarter", "createdMonth", List.of("stage"), List.of())).isEqualTo(2);

        // 2026-Q1 by month: January P1 P2, February empty (present as zero), March P3 P5
        PivotIntegrationTests.Matrix q1 = pivot(List.of("createdMonth"), List.of(),
                List.of(Map.of("field", "createdQuarter", "op", "eq", "value", "2026-Q1")));
        assertThat(q1.cells()).extracting(PivotIntegrationTests.Line::path)
                .containsExactly(List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of());
        assertThat(q1.cells()).extracting(l -> l.values().get(0).get("count")).containsExactly(2, 0, 2, 4);
    }

    @Test
    void expandingUnderFiltersAndAtASecondLevelKeepsTheParentsFilters() {
        List<Map<String, Object>> filters = List.of(Map.of("field", "amountBase", "op", "range", "from", "100"));
        assertThat(expandEveryMember("team", "owner", List.of("closedQuarter"), filters)).isEqualTo(1);   // A only: P5 (E) and P7 (no team) are under 100
        // a second level: expand (West, CLOSED_LOST) of region × stage by owner = filters region=West, stage=CLOSED_LOST
        PivotIntegrationTests.Matrix parent = pivot(List.of("region", "stage"), List.of(), filters);
        PivotIntegrationTests.Line westLost = parent.cells().stream()
                .filter(l -> l.path().equals(List.of("West", "CLOSED_LOST"))).findFirst().orElseThrow();
        List<Map<String, Object>> child = new ArrayList<>(filters);
        child.add(Map.of("field", "region", "op", "eq", "value", "West"));
        child.add(Map.of("field", "stage", "op", "eq", "value", "CLOSED_LOST"));
        PivotIntegrationTests.Matrix byOwner = pivot(List.of("owner"), List.of(), child);
        assertThat(byOwner.cells()).extracting(PivotIntegrationTests.Line::path).containsExactly(List.of(PivotFixture.R2), List.of());
        assertThat(total(byOwner)).isEqualTo(westLost.values());
    }

    /**
     * Pivots {@code parentDimension} × {@code columns}, then expands each of its members by {@code child}; returns how
     * many members were expanded.
     */
    private int expandEveryMember(String parentDimension, String child, List<String> columns, List<Map<String, Object>> filters) {
        PivotIntegrationTests.Matrix parent = pivot(List.of(parentDimension), columns, filters);
        int expanded = 0;
        for (PivotIntegrationTests.Line line : parent.cells()) {
            if (line.path().isEmpty()) {
                continue;
            }
            List<Map<String, Object>> childFilters = new ArrayList<>(filters);
            childFilters.add(Map.of("field", parentDimension, "op", "eq", "value", line.path().get(0)));
            PivotIntegrationTests.Matrix children = pivot(List.of(child), columns, childFilters);
            // the expansion lists the columns present under the member; aligned by column path, a missing one is zero
            for (int j = 0; j < parent.columnKeys().size(); j++) {
                List<String> column = parent.columnKeys().get(j).path();
                Map<String, Object> parentCell = line.values().get(j);
                assertThat(cell(children, List.of(), column)).as(line.path() + " " + column).isEqualTo(parentCell);
                for (String measure : ADDITIVE) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (PivotIntegrationTests.Line c : children.cells()) {
                        if (!c.path().isEmpty()) {
                            sum = sum.add(new BigDecimal(String.valueOf(cell(children, c.path(), column).get(measure))));
                        }
                    }
                    assertThat(sum).as(line.path() + " " + column + " " + measure)
                            .isEqualByComparingTo(new BigDecimal(String.valueOf(parentCell.get(measure))));
                }
            }
            expanded++;
        }
        return expanded;
    }

    private static List<Map<String, Object>> total(PivotIntegrationTests.Matrix m) {
        return m.cells().get(m.cells().size() - 1).values();
    }

    // The cell at a row path × column path, the zero cell when the column is not in the matrix.
    private static Map<String, Object> cell(PivotIntegrationTests.Matrix m, List<String> row, List<String> column) {
        PivotIntegrationTests.Line line = m.cells().stream().filter(l -> l.path().equals(row)).findFirst().orElseThrow();
        for (int j = 0; j < m.columnKeys().size(); j++) {
            if (m.columnKeys().get(j).path().equals(column)) {
                return line.values().get(j);
            }
        }
        return PivotIntegrationTests.cell(0, "0.00", "0.00", null, null);
    }

    private PivotIntegrationTests.Matrix pivot(List<String> rows, List<String> columns, List<Map<String, Object>> filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", rows);
        body.put("columns", columns);
        body.put("measures", MEASURES);
        body.put("filters", filters);
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return PivotIntegrationTests.JSON.readValue(json, PivotIntegrationTests.Matrix.class);
    }
}
