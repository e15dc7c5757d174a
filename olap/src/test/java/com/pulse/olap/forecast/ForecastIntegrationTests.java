package com.pulse.olap.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
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

/** {@code GET /olap/v1/forecast} over HTTP, on a fresh devstack ClickHouse database with known cells. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ForecastIntegrationTests.class);
    static final String OWNER = "0a1b2c3d-0000-4000-8000-00000000000f";
    static final String TEAM = "7e000000-0000-4000-8000-0000000000a1";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
    }

    // Exact decimals: a wrong scale (1234.5 instead of 1234.50) must fail the comparison.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record ForecastJson(String scopeType, String scopeId, String asOf, List<MonthJson> months) {
    }

    record MonthJson(String month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                     BigDecimal commit, BigDecimal bestCase, BigDecimal projected,
                     BigDecimal target, BigDecimal attainment, BigDecimal gap, BigDecimal coverage, long overdueCount) {
    }

    record AccuracyJson(String scopeType, String scopeId, String from, String to, List<FrozenJson> months) {
    }

    record FrozenJson(String month, String frozenAt, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                      BigDecimal commit, BigDecimal bestCase, BigDecimal projected, BigDecimal target,
                      BigDecimal actualClosedWon, BigDecimal error, String endedAt) {
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
    void knownCells() {
        gateway.migrate();
        // One insert per row, each its own part, and no background merges: only FINAL can pick the
        // highest version. Versions arrive out of order, and the superseded version 20 carries the
        // latest timestamp, so neither insertion order nor time can stand in for FINAL.
        gateway.execute("SYSTEM STOP MERGES forecast_cells");
        gateway.execute("SYSTEM STOP MERGES forecast_snapshots");
        insert("COMPANY", "company", "2026-12", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00", "2026-11-27 09:00:00", 10);
        insert("COMPANY", "company", "2026-12", "1500.50", "8000.00", "3200.25", "4000.50", "6000.50", "4700.75", "2026-11-27 10:15:30", 30);
        insert("COMPANY", "company", "2026-12", "999.99", "99.99", "9.99", "9.99", "9.99", "9.99", "2026-11-27 10:20:00", 20);
        // across the year end; the latest version of February is all zeros
        insert("COMPANY", "company", "2027-01", "0.00", "1234567890123456.78", "987654312098765.42", "10.00", "20.00", "987654312098765.42", "2026-11-27 08:00:00", 4);
        insert("COMPANY", "company", "2027-02", "500.00", "500.00", "500.00", "500.00", "500.00", "1000.00", "2026-11-27 07:00:00", 5);
        insert("COMPANY", "company", "2027-02", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2026-11-27 07:30:00", 7);
        // outside the horizon asked below, and other scopes
        insert("COMPANY", "company", "2026-11", "7.00", "7.00", "7.00", "7.00", "7.00", "7.00", "2026-11-27 11:00:00", 40);
        insert("COMPANY", "company", "2027-04", "7.00", "7.00", "7.00", "7.00", "7.00", "7.00", "2026-11-27 11:00:00", 41);
        insert("OWNER", OWNER, "2026-12", "100.00", "200.00", "50.00", "150.00", "250.00", "150.00", "2026-11-27 12:00:00", 50);
        insert("OWNER", OWNER, "2026-12", "110.00", "210.00", "55.00", "160.00", "260.00", "165.00", "2026-11-27 12:30:00", 60);
        insert("OWNER", "someone-else", "2026-12", "9.00", "9.00", "9.00", "9.00", "9.00", "9.00", "2026-11-27 13:00:00", 70);
        // a team with targets: December reached half its target, January has a target but the gap is 0 (no coverage),
        // March a target of 0 (no attainment); February has none
        insert(row("TEAM", TEAM, "2026-12", "500.00", "2000.00", "800.00", "900.00", "1100.00", "1300.00", "2026-11-27 14:00:00", 80),
                "1000.00", "0.5000", "500.00", "4.0000", 3);
        insert(row("TEAM", TEAM, "2027-01", "1200.00", "10.00", "1.00", "1200.00", "1200.00", "1201.00", "2026-11-27 14:10:00", 81),
                "1000.00", "1.2000", "0.00", null, 0);
        insert(row("TEAM", TEAM, "2027-03", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2026-11-27 14:20:00", 82),
                "0.00", null, "0.00", null, 0);
        // a superseded version of the team's December with other targets
        insert(row("TEAM", TEAM, "2026-12", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00", "2026-11-27 15:00:00", 79),
                "9.00", "0.1111", "8.00", "0.1250", 9);
        // frozen months: October frozen then ended (the ended version wins), November frozen and running
        snapshot("COMPANY", "company", "2026-10", "4000.00", null, null, null, 90);
        snapshot("COMPANY", "company", "2026-10", "4000.00", "3200.00", "0.2500", "2026-10-31 16:00:00", 95);
        snapshot("COMPANY", "company", "2026-11", "5100.50", null, null, null, 96);
        snapshot("TEAM", TEAM, "2026-11", "700.00", null, null, null, 97);
    }

    @Test
    void theCompanyForecastHasEveryMonthInOrderWithTheLatestVersionOfEachCell() {
        String body = http.get().uri("/olap/v1/forecast?from=2026-12&months=4").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        ForecastJson forecast = JSON.readValue(body, ForecastJson.class);
        assertThat(forecast.scopeType()).isEqualTo("COMPANY");
        assertThat(forecast.scopeId()).isEqualTo("company");
        assertThat(Instant.parse(forecast.asOf())).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(forecast.months()).containsExactly(
                month("2026-12", "1500.50", "8000.00", "3200.25", "4000.50", "6000.50", "4700.75"),
                month("2027-01", "0.00", "1234567890123456.78", "987654312098765.42", "10.00", "20.00", "987654312098765.42"),
                month("2027-02", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                month("2027-03", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"));
        // money is a JSON number with two decimals, not a string
        assertThat(body).contains("\"closedWon\":1500.50,").contains("\"pipeline\":8000.00,").contains("\"weighted\":0.00");
    }

    @Test
    void anOwnersForecastHasOnlyThatOwnersCells() {
        ForecastJson forecast = forecast("/olap/v1/forecast?scopeType=OWNER&scopeId=" + OWNER.toUpperCase() + "&from=2026-12&months=1");

        assertThat(forecast.scopeType()).isEqualTo("OWNER");
        assertThat(forecast.scopeId()).isEqualTo(OWNER);
        assertThat(forecast.months()).containsExactly(month("2026-12", "110.00", "210.00", "55.00", "160.00", "260.00", "165.00"));
        assertThat(Instant.parse(forecast.asOf())).isEqualTo(Instant.parse("2026-11-27T12:30:00Z"));
    }

    @Test
    void aTeamsForecastHasItsTargetsAttainmentGapCoverageAndOverdueDealsWithNullsWhereAbsent() {
        String body = http.get().uri("/olap/v1/forecast?scopeType=TEAM&scopeId=" + TEAM + "&from=2026-11&months=5").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        ForecastJson forecast = JSON.readValue(body, ForecastJson.class);

        assertThat(forecast.scopeType()).isEqualTo("TEAM");
        assertThat(forecast.scopeId()).isEqualTo(TEAM);
        assertThat(Instant.parse(forecast.asOf())).isEqualTo(Instant.parse("2026-11-27T14:20:00Z"));
        assertThat(forecast.months()).containsExactly(
                month("2026-11", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                new MonthJson("2026-12", d("500.00"), d("2000.00"), d("800.00"), d("900.00"), d("1100.00"), d("1300.00"),
                        d("1000.00"), d("0.5000"), d("500.00"), d("4.0000"), 3),
                new MonthJson("2027-01", d("1200.00"), d("10.00"), d("1.00"), d("1200.00"), d("1200.00"), d("1201.00"),
                        d("1000.00"), d("1.2000"), d("0.00"), null, 0),
                month("2027-02", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                new MonthJson("2027-03", d("0.00"), d("0.00"), d("0.00"), d("0.00"), d("0.00"), d("0.00"),
                        d("0.00"), null, d("0.00"), null, 0));
        // absent figures are JSON nulls, ratios keep 4 decimals
        assertThat(body).contains("\"target\":null").contains("\"attainment\":0.5000").contains("\"coverage\":null");
    }

    @Test
    void accuracyListsTheFrozenMonthsWithTheirErrorOnceEnded() {
        AccuracyJson accuracy = JSON.readValue(http.get().uri("/olap/v1/forecast/accuracy?from=2026-06&months=12").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), AccuracyJson.class);

        assertThat(accuracy.scopeType()).isEqualTo("COMPANY");
        assertThat(accuracy.from()).isEqualTo("2026-06");
        assertThat(accuracy.to()).isEqualTo("2027-05");
        assertThat(accuracy.months()).containsExactly(
                new FrozenJson("2026-10", "2026-09-30T16:00:00Z", d("100.00"), d("200.00"), d("150.00"), d("120.00"),
                        d("180.00"), d("4000.00"), d("5000.00"), d("3200.00"), d("0.2500"), "2026-10-31T16:00:00Z"),
                new FrozenJson("2026-11", "2026-10-31T16:00:00Z", d("100.00"), d("200.00"), d("150.00"), d("120.00"),
                        d("180.00"), d("5100.50"), d("5000.00"), null, null, null));

        AccuracyJson team = JSON.readValue(http.get().uri("/olap/v1/forecast/accuracy?scopeType=TEAM&scopeId=" + TEAM
                + "&from=2026-11&months=1").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody(), AccuracyJson.class);
        assertThat(team.months()).singleElement().satisfies(m -> {
            assertThat(m.projected()).isEqualTo(d("700.00"));
            assertThat(m.target()).isNull();
            assertThat(m.error()).isNull();
        });
        // a month that was never frozen is not listed
        AccuracyJson none = JSON.readValue(http.get().uri("/olap/v1/forecast/accuracy?from=2027-01&months=3").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), AccuracyJson.class);
        assertThat(none.months()).isEmpty();
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void byDefaultSixMonthsFromTheCurrentMonthOfTheCompanyTimeZone() {
        ForecastJson forecast = forecast("/olap/v1/forecast");

        YearMonth current = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        assertThat(forecast.months()).extracting(MonthJson::month).containsExactly(
                current.toString(), current.plusMonths(1).toString(), current.plusMonths(2).toString(),
                current.plusMonths(3).toString(), current.plusMonths(4).toString(), current.plusMonths(5).toString());
    }

    @Test
    void badParametersAreBadRequestsNamingTheParameterAndTheValidValues() {
        assertBadRequest("/olap/v1/forecast?scopeType=DEPARTMENT", "scopeType", "COMPANY", "TEAM", "OWNER");
        assertBadRequest("/olap/v1/forecast?scopeType=TEAM", "scopeId", "a team id (UUID)");
        assertBadRequest("/olap/v1/forecast/accuracy?months=25", "months", "an integer from 1 to 24");
        assertBadRequest("/olap/v1/forecast/accuracy?scopeType=OWNER&scopeId=x", "scopeId", "an owner's user id (UUID)");
        assertBadRequest("/olap/v1/forecast?scopeId=' OR 1=1 --", "scopeId", "company");
        assertBadRequest("/olap/v1/forecast?scopeType=OWNER&scopeId=company", "scopeId", "an owner's user id (UUID)");
        assertBadRequest("/olap/v1/forecast?scopeType=OWNER", "scopeId", "an owner's user id (UUID)");
        assertBadRequest("/olap/v1/forecast?from=2026-13", "from", "a calendar month YYYY-MM");
        assertBadRequest("/olap/v1/forecast?from=2026-12-01", "from", "a calendar month YYYY-MM");
        assertBadRequest("/olap/v1/forecast?months=0", "months", "an integer from 1 to 24");
        assertBadRequest("/olap/v1/forecast?months=25", "months", "an integer from 1 to 24");
        assertBadRequest("/olap/v1/forecast?months=six", "months", "an integer from 1 to 24");
    }

    private ForecastJson forecast(String uri) {
        String body = http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, ForecastJson.class);
    }

    private void assertBadRequest(String uri, String field, String... validValues) {
        String body = http.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        ProblemJson problem = JSON.readValue(body, ProblemJson.class);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).as(uri).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.validValues()).containsExactly(validValues);
        });
    }

    private static MonthJson month(String month, String closedWon, String pipeline, String weighted, String commit,
                                   String bestCase, String projected) {
        return new MonthJson(month, new BigDecimal(closedWon), new BigDecimal(pipeline), new BigDecimal(weighted),
                new BigDecimal(commit), new BigDecimal(bestCase), new BigDecimal(projected), null, null, null, null, 0);
    }

    private void insert(String scopeType, String scopeId, String month, String closedWon, String pipeline, String weighted,
                        String commit, String bestCase, String projected, String changedAt, long version) {
        insert(row(scopeType, scopeId, month, closedWon, pipeline, weighted, commit, bestCase, projected, changedAt, version),
                null, null, null, null, 0);
    }

    private void insert(Map<String, Object> row, String target, String attainment, String gap, String coverage, long overdue) {
        row.put("target", decimal(target));
        row.put("attainment", decimal(attainment));
        row.put("gap", decimal(gap));
        row.put("coverage", decimal(coverage));
        row.put("overdue_count", overdue);
        row.put("changed_at", row.remove("changed_at"));
        row.put("version", row.remove("version"));
        gateway.insertJsonEachRow("forecast_cells", List.of(row));
    }

    private void snapshot(String scopeType, String scopeId, String month, String projected, String actual, String error,
                          String endedAt, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("month", YearMonth.parse(month).atDay(1));
        row.put("frozen_at", YearMonth.parse(month).atDay(1).minusDays(1) + " 16:00:00");
        row.put("closed_won", new BigDecimal("100.00"));
        row.put("pipeline", new BigDecimal("200.00"));
        row.put("weighted", new BigDecimal("150.00"));
        row.put("commit", new BigDecimal("120.00"));
        row.put("best_case", new BigDecimal("180.00"));
        row.put("projected", new BigDecimal(projected));
        row.put("target", scopeType.equals("COMPANY") ? new BigDecimal("5000.00") : null);
        row.put("actual_closed_won", decimal(actual));
        row.put("error", decimal(error));
        row.put("ended_at", endedAt);
        row.put("version", version);
        gateway.insertJsonEachRow("forecast_snapshots", List.of(row));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static Map<String, Object> row(String scopeType, String scopeId, String month, String closedWon, String pipeline,
                                           String weighted, String commit, String bestCase, String projected,
                                           String changedAt, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("month", YearMonth.parse(month).atDay(1));
        row.put("closed_won", new BigDecimal(closedWon));
        row.put("pipeline", new BigDecimal(pipeline));
        row.put("weighted", new BigDecimal(weighted));
        row.put("commit", new BigDecimal(commit));
        row.put("best_case", new BigDecimal(bestCase));
        row.put("projected", new BigDecimal(projected));
        row.put("changed_at", changedAt);
        row.put("version", version);
        return row;
    }
}
