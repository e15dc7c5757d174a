package com.pulse.streams.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.streams.TestDeal;
import com.pulse.streams.TopologyHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Targets in the forecast (METRICS.md §Forecast): target(M) is the scope's WON_AMOUNT target for M, a quarter or year
 * target spread evenly over its months unless a month target exists; attainment = closedWon / target;
 * gap = max(target − closedWon, 0); coverage = pipeline / gap, absent when the gap is 0. The company's target is the
 * sum of its top-level teams' targets. Tree: SALES → EAST; OPS. ALICE is in EAST.
 */
class ForecastTargetsTopologyTests {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant DEC_5 = Instant.parse("2026-12-05T03:00:00Z");
    static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    static final UUID SALES = UUID.fromString("00000000-0000-0000-0000-0000000005a1");
    static final UUID EAST = UUID.fromString("00000000-0000-0000-0000-00000000ea57");
    static final UUID OPS = UUID.fromString("00000000-0000-0000-0000-0000000000b5");
    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");
    static final UUID T1 = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final UUID T2 = UUID.fromString("00000000-0000-0000-0000-0000000000f2");
    static final UUID T3 = UUID.fromString("00000000-0000-0000-0000-0000000000f3");

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> forecast;

    @BeforeEach
    void start() {
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"));
        forecast = streams.output(TopologyHarness.TOPICS.aggForecast());
        streams.team(SALES, 1, null, false);
        streams.team(EAST, 1, SALES, false);
        streams.team(OPS, 1, null, false);
        streams.user(ALICE, 1, EAST);
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void aMonthTargetGivesAttainmentGapAndCoverage() {
        // given: ALICE won 400 on 5 December and has 300 open in December
        TestDeal won = TestDeal.created("NEGOTIATION", "400.00", DEC_15, T0).owner(ALICE);
        streams.send(won);
        streams.send(won.nextAt(DEC_5).stage("CLOSED_WON"));
        streams.send(TestDeal.created("PROSPECTING", "300.00", DEC_15, T0).owner(ALICE));

        // when
        streams.target(T1, 1, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1000.00", false);

        // then: attainment 400/1000, gap 600, coverage 300/600
        ForecastChanged cell = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(cell.target()).isEqualByComparingTo("1000");
        assertThat(cell.attainment()).isEqualByComparingTo("0.4");
        assertThat(cell.gap()).isEqualByComparingTo("600");
        assertThat(cell.coverage()).isEqualByComparingTo("0.5");
    }

    @Test
    void aScopeWithoutTargetHasNoTargetFigures() {
        // when
        streams.send(TestDeal.created("PROSPECTING", "300.00", DEC_15, T0).owner(ALICE));

        // then
        ForecastChanged cell = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(cell.target()).isNull();
        assertThat(cell.attainment()).isNull();
        assertThat(cell.gap()).isNull();
        assertThat(cell.coverage()).isNull();
    }

    @Test
    void aQuarterTargetIsSpreadEvenlyOverItsMonthsUnlessAMonthTargetExists() {
        // when: EAST has 3000 for 2027-Q1, then 1500 for January
        streams.target(T1, 1, "TEAM", EAST, "QUARTER", "2027-Q1", "WON_AMOUNT", "3000.00", false);
        Map<String, ForecastChanged> spread = cells();
        streams.target(T2, 1, "TEAM", EAST, "MONTH", "2027-01", "WON_AMOUNT", "1500.00", false);
        Map<String, ForecastChanged> withMonth = cells();

        // then
        assertThat(spread.get("TEAM:" + EAST + ":2027-01").target()).isEqualByComparingTo("1000");
        assertThat(spread.get("TEAM:" + EAST + ":2027-02").target()).isEqualByComparingTo("1000");
        assertThat(spread.get("TEAM:" + EAST + ":2027-03").target()).isEqualByComparingTo("1000");
        assertThat(withMonth.get("TEAM:" + EAST + ":2027-01").target()).isEqualByComparingTo("1500");
        assertThat(withMonth).doesNotContainKey("TEAM:" + EAST + ":2027-02");
    }

    @Test
    void aYearTargetIsSpreadOverTwelveMonthsRoundedToCents() {
        // when
        streams.target(T1, 1, "USER", ALICE, "YEAR", "2027", "WON_AMOUNT", "1000.00", false);

        // then: 1000 / 12 = 83.333… → 83.33; a cell with no deals still shows its target and the whole gap
        Map<String, ForecastChanged> cells = cells();
        assertThat(cells.keySet()).filteredOn(k -> k.startsWith("OWNER:")).hasSize(12);
        ForecastChanged june = cells.get("OWNER:" + ALICE + ":2027-06");
        assertThat(june.target()).isEqualByComparingTo("83.33");
        assertThat(june.attainment()).isEqualByComparingTo("0");
        assertThat(june.gap()).isEqualByComparingTo("83.33");
        assertThat(june.coverage()).isEqualByComparingTo("0");
    }

    @Test
    void theCompanyTargetIsTheSumOfItsTopLevelTeamsTargets() {
        // when: SALES 500 and OPS 250 for December; EAST (inside SALES) 100 is part of SALES', not added again
        streams.target(T1, 1, "TEAM", SALES, "MONTH", "2026-12", "WON_AMOUNT", "500.00", false);
        streams.target(T2, 1, "TEAM", OPS, "MONTH", "2026-12", "WON_AMOUNT", "250.00", false);
        streams.target(T3, 1, "TEAM", EAST, "MONTH", "2026-12", "WON_AMOUNT", "100.00", false);

        // then
        assertThat(cells().get("COMPANY:company:2026-12").target()).isEqualByComparingTo("750");
    }

    @Test
    void changingAndDeletingATargetRepublishesTheCells() {
        // given
        streams.send(TestDeal.created("PROSPECTING", "300.00", DEC_15, T0).owner(ALICE));
        streams.target(T1, 1, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1000.00", false);
        cells();

        // when: raised to 1200
        streams.target(T1, 2, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1200.00", false);

        // then
        ForecastChanged raised = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(raised.target()).isEqualByComparingTo("1200");
        assertThat(raised.coverage()).isEqualByComparingTo("0.25");

        // when: deleted
        streams.target(T1, 3, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1200.00", true);

        // then
        ForecastChanged deleted = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(deleted.target()).isNull();
        assertThat(deleted.gap()).isNull();
        assertThat(deleted.pipeline()).isEqualByComparingTo("300");
    }

    @Test
    void whenWonExceedsTheTargetTheGapIsZeroAndCoverageAbsent() {
        // given
        TestDeal won = TestDeal.created("NEGOTIATION", "1500.00", DEC_15, T0).owner(ALICE);
        streams.send(won);
        streams.send(won.nextAt(DEC_5).stage("CLOSED_WON"));

        // when
        streams.target(T1, 1, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1000.00", false);

        // then
        ForecastChanged cell = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(cell.attainment()).isEqualByComparingTo("1.5");
        assertThat(cell.gap()).isEqualByComparingTo("0");
        assertThat(cell.coverage()).isNull();
    }

    @Test
    void aZeroTargetHasNoAttainment() {
        // when
        streams.target(T1, 1, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "0", false);

        // then
        ForecastChanged cell = cells().get("OWNER:" + ALICE + ":2026-12");
        assertThat(cell.target()).isEqualByComparingTo("0");
        assertThat(cell.attainment()).isNull();
        assertThat(cell.gap()).isEqualByComparingTo("0");
        assertThat(cell.coverage()).isNull();
    }

    @Test
    void otherMetricsAndDuplicateOrOlderTargetVersionsChangeNothing() {
        // given
        streams.target(T1, 2, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1000.00", false);
        cells();

        // when
        streams.target(T1, 2, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "1000.00", false);
        streams.target(T1, 1, "USER", ALICE, "MONTH", "2026-12", "WON_AMOUNT", "9.00", false);
        streams.target(T2, 1, "USER", ALICE, "MONTH", "2026-12", "NEW_LEADS", "50", false);

        // then
        assertThat(forecast.isEmpty()).isTrue();
    }

    Map<String, ForecastChanged> cells() {
        Map<String, ForecastChanged> latest = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : forecast.readKeyValuesToList()) {
            latest.put(kv.key, EventJson.read(kv.value, ForecastChanged.class));
        }
        return latest;
    }
}
