package com.pulse.olap.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import com.pulse.events.ForecastChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The forecast and accuracy queries olap runs give the same cells, and the same answers, on ClickHouse 18.16
 * and chDB 26.5 — with NULL targets and ratios, and TEAM and OWNER scopes.
 */
@Tag("dual-engine")
class ForecastDualEngineTests {

    static final Instant READ_AT = Instant.parse("2026-11-27T23:00:00Z");
    static final String OWNER = "0a1b2c3d-0000-4000-8000-00000000000f";
    static final String TEAM = "0a1b2c3d-0000-4000-8000-0000000000aa";
    // across a year end, and narrower than the stored months so the Date bounds are exercised
    static final ForecastHorizon HORIZON = new ForecastHorizon(YearMonth.of(2026, 11), 4);
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(ForecastDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("forecast_cells", fixture());
        engines.insertJsonEachRow("forecast_snapshots", snapshots());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theForecastQueryGivesTheSameCellsOnBothEngines() {
        List<Map<String, String>> cells = engines.sameCellsInAnyOrder(ForecastReader.SQL,
                ForecastReader.params(ForecastScope.COMPANY, HORIZON));

        // every stored month of the horizon once (FINAL kept the latest version); other months and scopes left out
        assertThat(cells).extracting(row -> row.get("first_day"))
                .containsExactlyInAnyOrder("'2026-11-01'", "'2026-12-01'", "'2027-01-01'", "'2027-02-01'");
    }

    @Test
    void theAssembledForecastIsTheSameOnBothEngines() {
        for (ForecastScope scope : List.of(ForecastScope.COMPANY, new ForecastScope(ForecastChanged.OWNER, OWNER),
                new ForecastScope(ForecastChanged.TEAM, TEAM))) {
            List<Forecast> forecasts = new ArrayList<>();
            for (DualEngine.Engine engine : engines.engines()) {
                List<ForecastCell> cells = new ForecastReader(engine.sql()).cells(scope, HORIZON);
                forecasts.add(Forecast.assemble(scope, HORIZON, cells, READ_AT));
            }

            assertThat(forecasts.get(1)).isEqualTo(forecasts.get(0));
            assertThat(forecasts.get(0).months()).extracting(Forecast.Month::month)
                    .containsExactly("2026-11", "2026-12", "2027-01", "2027-02");
            // the third (latest) round of November: 1000.50 + 2
            assertThat(forecasts.get(0).months().get(0).closedWon())
                    .isEqualTo(new BigDecimal(scope == ForecastScope.COMPANY ? "1002.50" : scope.type().equals("TEAM") ? "1022.50" : "1012.50"));
            // December has a target (ratios 4 decimals on both engines), January none (NULLs), as stored
            Forecast.Month december = forecasts.get(0).months().get(1);
            assertThat(december.target()).isEqualTo(new BigDecimal("5000.00"));
            assertThat(december.attainment()).isEqualTo(new BigDecimal("0.2000"));
            assertThat(december.gap()).isEqualTo(new BigDecimal("4000.00"));
            assertThat(december.coverage()).isNull();
            assertThat(december.overdueCount()).isEqualTo(2);
            Forecast.Month january = forecasts.get(0).months().get(2);
            assertThat(january.target()).isNull();
            assertThat(january.attainment()).isNull();
            assertThat(january.gap()).isNull();
            assertThat(january.overdueCount()).isZero();
        }
    }

    @Test
    void theAccuracyQueryGivesTheSameFrozenMonthsOnBothEngines() {
        ForecastHorizon year = new ForecastHorizon(YearMonth.of(2026, 1), 12);
        assertThat(engines.sameCellsInAnyOrder(AccuracyReader.SQL, ForecastReader.params(ForecastScope.COMPANY, year)))
                .hasSize(2);
        for (ForecastScope scope : List.of(ForecastScope.COMPANY, new ForecastScope(ForecastChanged.TEAM, TEAM))) {
            List<ForecastAccuracy> answers = new ArrayList<>();
            for (DualEngine.Engine engine : engines.engines()) {
                answers.add(ForecastAccuracy.assemble(scope, year, new AccuracyReader(engine.sql()).months(scope, year)));
            }
            assertThat(answers.get(1)).isEqualTo(answers.get(0));
            List<ForecastAccuracy.Month> months = answers.get(0).months();
            assertThat(months).extracting(ForecastAccuracy.Month::month).containsExactly("2026-10", "2026-11");
            // October ended (the later version wins under FINAL), November still runs: NULLs
            assertThat(months.get(0).actualClosedWon()).isEqualTo(new BigDecimal("1000.00"));
            assertThat(months.get(0).error()).isEqualTo(new BigDecimal("0.2500"));
            assertThat(months.get(0).endedAt()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
            assertThat(months.get(0).frozenAt()).isEqualTo(Instant.parse("2026-09-30T16:00:05Z"));
            assertThat(months.get(1).actualClosedWon()).isNull();
            assertThat(months.get(1).error()).isNull();
            assertThat(months.get(1).endedAt()).isNull();
            assertThat(months.get(1).target()).isNull();
        }
    }

    @Test
    void hostileScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            assertThat(engines.sameCellsInAnyOrder(ForecastReader.SQL,
                    ForecastReader.params(new ForecastScope(hostile, hostile), HORIZON))).isEmpty();
            assertThat(engines.sameCellsInAnyOrder(AccuracyReader.SQL,
                    ForecastReader.params(new ForecastScope(hostile, hostile), HORIZON))).isEmpty();
        }
    }

    /** Three versions of every month's cell for the company and an owner, October 2026 to April 2027. */
    private static List<Map<String, Object>> fixture() {
        List<Map<String, Object>> rows = new ArrayList<>();
        long version = 0;
        for (int round = 0; round < 3; round++) {
            for (int m = 0; m < 7; m++) {
                YearMonth month = YearMonth.of(2026, 10).plusMonths(m);
                rows.add(cell(ForecastChanged.COMPANY, "company", month, round, 0, ++version));
                rows.add(cell(ForecastChanged.OWNER, OWNER, month, round, 10, ++version));
                rows.add(cell(ForecastChanged.TEAM, TEAM, month, round, 20, ++version));
            }
        }
        return rows;
    }

    private static Map<String, Object> cell(String scopeType, String scopeId, YearMonth month, int round, int offset, long version) {
        // trailing zeros on purpose: 18.16 prints them, 26.5 does not
        BigDecimal base = new BigDecimal("1000.50").add(BigDecimal.valueOf(round + offset)).setScale(2);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("month", month.atDay(1));
        row.put("closed_won", base);
        row.put("pipeline", base.add(new BigDecimal("0.10")));
        row.put("weighted", new BigDecimal("0.10").multiply(BigDecimal.valueOf(month.getMonthValue())).setScale(2));
        row.put("commit", base.add(new BigDecimal("2.00")));
        row.put("best_case", base.add(new BigDecimal("3.25")));
        row.put("projected", base.add(new BigDecimal("4.005")).setScale(2, java.math.RoundingMode.DOWN));
        boolean december = month.getMonthValue() == 12;
        row.put("target", december ? new BigDecimal("5000.00") : null);
        row.put("attainment", december ? new BigDecimal("0.2000") : null);
        row.put("gap", december ? new BigDecimal("4000.00") : null);
        row.put("coverage", null);
        row.put("overdue_count", december ? 2 : 0);
        row.put("changed_at", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(version));
        row.put("version", version);
        return row;
    }

    /** October 2026 frozen then ended (two versions), November frozen only, for the company and a team. */
    private static List<Map<String, Object>> snapshots() {
        List<Map<String, Object>> rows = new ArrayList<>();
        long version = 0;
        for (String[] scope : new String[][] {{ForecastChanged.COMPANY, "company"}, {ForecastChanged.TEAM, TEAM}}) {
            rows.add(snapshot(scope, "2026-10-01", "2026-09-30T16:00:05Z", "1250.00", "1000.00", null, null, ++version + 100));
            rows.add(snapshot(scope, "2026-10-01", "2026-09-30T16:00:05Z", "1250.00", "1000.00", "0.2500", "2026-10-31T16:00:00Z", ++version + 200));
            rows.add(snapshot(scope, "2026-11-01", "2026-10-31T16:00:07Z", "1300.50", null, null, null, ++version + 300));
        }
        return rows;
    }

    private static Map<String, Object> snapshot(String[] scope, String month, String frozenAt, String projected,
                                                String target, String error, String endedAt, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scope[0]);
        row.put("scope_id", scope[1]);
        row.put("month", java.time.LocalDate.parse(month));
        row.put("frozen_at", Instant.parse(frozenAt));
        for (String money : List.of("closed_won", "pipeline", "weighted", "commit", "best_case")) {
            row.put(money, new BigDecimal("10.50"));
        }
        row.put("projected", new BigDecimal(projected));
        row.put("target", target == null ? null : new BigDecimal(target));
        row.put("actual_closed_won", error == null ? null : new BigDecimal("1000.00"));
        row.put("error", error == null ? null : new BigDecimal(error));
        row.put("ended_at", endedAt == null ? null : Instant.parse(endedAt));
        row.put("version", version);
        return row;
    }
}
