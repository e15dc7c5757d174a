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

/** The forecast query olap runs gives the same cells, and the same forecast, on ClickHouse 18.16 and chDB 26.5. */
@Tag("dual-engine")
class ForecastDualEngineTests {

    static final Instant READ_AT = Instant.parse("2026-11-27T23:00:00Z");
    static final String OWNER = "0a1b2c3d-0000-4000-8000-00000000000f";
    // across a year end, and narrower than the stored months so the Date bounds are exercised
    static final ForecastHorizon HORIZON = new ForecastHorizon(YearMonth.of(2026, 11), 4);
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(ForecastDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("forecast_month", fixture());
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
        for (ForecastScope scope : List.of(ForecastScope.COMPANY, new ForecastScope(ForecastChanged.OWNER, OWNER))) {
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
                    .isEqualTo(new BigDecimal(scope == ForecastScope.COMPANY ? "1002.50" : "1012.50"));
        }
    }

    @Test
    void hostileScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            assertThat(engines.sameCellsInAnyOrder(ForecastReader.SQL,
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
        row.put("changed_at", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(version));
        row.put("version", version);
        return row;
    }
}
