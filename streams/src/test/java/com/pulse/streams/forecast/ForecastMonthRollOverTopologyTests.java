package com.pulse.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.ForecastSnapshot;
import com.pulse.streams.TestDeal;
import com.pulse.streams.TopologyHarness;
import com.pulse.streams.dimensions.ScopesTopology;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The current month and the wall clock (METRICS.md §Forecast): open deals whose expected close date has passed count
 * in the current month; on the first day of each month (company time zone) the month's forecast is frozen; when the
 * month ends its error = (projected − closedWon) / closedWon is computed. The wall clock starts on Friday
 * 27 Nov 2026, 18:00 in Shanghai, and moves only when a test moves it.
 */
class ForecastMonthRollOverTopologyTests {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    /** 1 Dec 2026, 00:00:05 in Shanghai. */
    static final Instant DEC_1_SHANGHAI = Instant.parse("2026-11-30T16:00:05Z");
    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> forecast;
    TestOutputTopic<String, byte[]> snapshots;

    @BeforeEach
    void start() {
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"));
        forecast = streams.output(TopologyHarness.TOPICS.aggForecast());
        snapshots = streams.output(TopologyHarness.TOPICS.aggForecastSnapshots());
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void anOpenDealWhoseExpectedCloseDateHasPassedCountsInTheCurrentMonth() {
        // when: expected to close in October, still open in November
        streams.send(TestDeal.created("PROPOSAL", "100.00", LocalDate.of(2026, 10, 15), T0).owner(ALICE));

        // then: October shows nothing open; November counts the deal as overdue
        Map<String, ForecastChanged> cells = cells();
        assertThat(cells.get("COMPANY:company:2026-10").pipeline()).isEqualByComparingTo("0");
        ForecastChanged november = cells.get("COMPANY:company:2026-11");
        assertThat(november.pipeline()).isEqualByComparingTo("100");
        assertThat(november.weighted()).isEqualByComparingTo("60");
        assertThat(november.bestCase()).isEqualByComparingTo("100");
        assertThat(november.overdueCount()).isEqualTo(1);
        assertThat(cells.get("OWNER:" + ALICE + ":2026-11").overdueCount()).isEqualTo(1);
    }

    @Test
    void aWonDealStaysInTheMonthItClosedAfterTheMonthEnded() {
        // when
        TestDeal deal = TestDeal.created("NEGOTIATION", "700.00", LocalDate.of(2026, 10, 20), Instant.parse("2026-10-01T00:00:00Z"));
        streams.send(deal);
        streams.send(deal.nextAt(Instant.parse("2026-10-10T02:00:00Z")).stage("CLOSED_WON"));

        // then
        Map<String, ForecastChanged> cells = cells();
        assertThat(cells.get("COMPANY:company:2026-10").closedWon()).isEqualByComparingTo("700");
        assertThat(cells.get("COMPANY:company:2026-11").overdueCount()).isZero();
        assertThat(cells.get("COMPANY:company:2026-11").pipeline()).isEqualByComparingTo("0");
    }

    @Test
    void whenTheMonthEndsItsOpenDealsMoveIntoTheNewMonthWithoutAnyEvent() {
        // given: expected on 20 November, still open
        streams.send(TestDeal.created("QUALIFICATION", "500.00", LocalDate.of(2026, 11, 20), T0));
        assertThat(cells().get("COMPANY:company:2026-11").overdueCount()).isZero();

        // when: midnight in Shanghai
        streams.advanceWallClock(Duration.between(TopologyHarness.WALL_CLOCK, DEC_1_SHANGHAI));

        // then
        Map<String, ForecastChanged> cells = cells();
        assertThat(cells.get("COMPANY:company:2026-11").pipeline()).isEqualByComparingTo("0");
        assertThat(cells.get("COMPANY:company:2026-12").pipeline()).isEqualByComparingTo("500");
        assertThat(cells.get("COMPANY:company:2026-12").overdueCount()).isEqualTo(1);
    }

    @Test
    void aReplayToldThatTheMonthWasFrozenBeforeDoesNotFreezeItAgainButFreezesTheNextOne() {
        // given: a rebuild replaying on 1 December, December frozen before the rebuild (forecast_snapshots kept)
        streams.close();
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"), TopologyHarness.WALL_CLOCK,
                Map.of(ScopesTopology.FROZEN_THROUGH_CONFIG, "2026-12"));
        forecast = streams.output(TopologyHarness.TOPICS.aggForecast());
        snapshots = streams.output(TopologyHarness.TOPICS.aggForecastSnapshots());
        streams.send(TestDeal.created("PROSPECTING", "1000.00", LocalDate.of(2026, 12, 15), T0).owner(ALICE));

        // when: 1 December arrives during the replay
        streams.advanceWallClock(Duration.between(TopologyHarness.WALL_CLOCK, DEC_1_SHANGHAI));

        // then: December is not frozen a second time
        assertThat(snapshots()).isEmpty();

        // when: 1 January arrives, the deal still open (now overdue in January)
        streams.advanceWallClock(Duration.between(DEC_1_SHANGHAI, Instant.parse("2026-12-31T16:00:05Z")));

        // then: January is frozen as usual
        assertThat(snapshots()).extracting(ForecastSnapshot::key).contains("COMPANY:company:2027-01");
    }

    @Test
    void aReplayToldWhichFrozenMonthsHaveNotEndedComputesTheirErrorWhenTheyEnd(@TempDir Path dir) throws Exception {
        // given: December frozen before a rebuild (projected 100 for the company), the replay on 10 December
        ForecastSnapshot december = new ForecastSnapshot("COMPANY", "company", "2026-12", DEC_1_SHANGHAI,
                new BigDecimal("0.00"), new BigDecimal("1000.00"), new BigDecimal("100.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("100.00"), null, null, null, null);
        Path open = dir.resolve("frozen-open.json");
        Files.write(open, EventJson.write(List.of(december)));
        Instant dec10 = Instant.parse("2026-12-10T02:00:00Z");
        streams.close();
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"), dec10, Map.of(
                ScopesTopology.FROZEN_THROUGH_CONFIG, "2026-12", ScopesTopology.FROZEN_OPEN_CONFIG, open.toString()));
        snapshots = streams.output(TopologyHarness.TOPICS.aggForecastSnapshots());
        streams.send(TestDeal.created("PROSPECTING", "1000.00", LocalDate.of(2026, 12, 15), T0).owner(ALICE)
                .nextAt(Instant.parse("2026-12-09T02:00:00Z")).amountBase("800.00").stage("CLOSED_WON"));
        streams.advanceWallClock(Duration.ofMinutes(1));

        // then: the seeded month is not published again
        assertThat(snapshots()).isEmpty();

        // when: 1 January arrives
        streams.advanceWallClock(Duration.between(dec10.plus(Duration.ofMinutes(1)), Instant.parse("2026-12-31T16:00:05Z")));

        // then: December's outcome from the frozen projection: (100 − 800) / 800
        ForecastSnapshot ended = snapshots().stream().filter(s -> s.key().equals("COMPANY:company:2026-12"))
                .findFirst().orElseThrow();
        assertThat(ended.projected()).isEqualByComparingTo("100");
        assertThat(ended.frozenAt()).isEqualTo(DEC_1_SHANGHAI);
        assertThat(ended.actualClosedWon()).isEqualByComparingTo("800");
        assertThat(ended.error()).isEqualByComparingTo("-0.875");
    }

    @Test
    void theMonthIsFrozenOnItsFirstDayOnceAndItsErrorComputedWhenItEnds() {
        // given: one open December deal, weighted 10% of 1000
        TestDeal deal = TestDeal.created("PROSPECTING", "1000.00", LocalDate.of(2026, 12, 15), T0).owner(ALICE);
        streams.send(deal);

        // when: 1 December arrives, and the wall clock ticks again the same day
        streams.advanceWallClock(Duration.between(TopologyHarness.WALL_CLOCK, DEC_1_SHANGHAI));
        streams.advanceWallClock(Duration.ofHours(3));

        // then: frozen once per scope
        List<ForecastSnapshot> frozen = snapshots();
        assertThat(frozen).extracting(ForecastSnapshot::key)
                .containsExactlyInAnyOrder("COMPANY:company:2026-12", "OWNER:" + ALICE + ":2026-12");
        ForecastSnapshot company = frozen.stream().filter(s -> s.scopeType().equals("COMPANY")).findFirst().orElseThrow();
        assertThat(company.projected()).isEqualByComparingTo("100");
        assertThat(company.pipeline()).isEqualByComparingTo("1000");
        assertThat(company.error()).isNull();
        assertThat(company.frozenAt()).isEqualTo(DEC_1_SHANGHAI);

        // when: won in December for 800, then 1 January arrives
        streams.send(deal.nextAt(Instant.parse("2026-12-10T02:00:00Z")).amountBase("800.00").stage("CLOSED_WON"));
        streams.advanceWallClock(Duration.between(DEC_1_SHANGHAI.plus(Duration.ofHours(3)), Instant.parse("2026-12-31T16:00:05Z")));

        // then: December's outcome: error = (100 − 800) / 800 = −0.875; January has nothing to freeze
        List<ForecastSnapshot> ended = snapshots();
        assertThat(ended).extracting(ForecastSnapshot::key)
                .containsExactlyInAnyOrder("COMPANY:company:2026-12", "OWNER:" + ALICE + ":2026-12");
        assertThat(ended).allSatisfy(s -> {
            assertThat(s.projected()).isEqualByComparingTo("100");
            assertThat(s.actualClosedWon()).isEqualByComparingTo("800");
            assertThat(s.error()).isEqualByComparingTo("-0.875");
            assertThat(s.endedAt()).isEqualTo(Instant.parse("2026-12-31T16:00:05Z"));
        });
    }

    @Test
    void aMonthWithNothingWonHasNoError() {
        // given
        streams.send(TestDeal.created("PROSPECTING", "1000.00", LocalDate.of(2026, 12, 15), T0));
        streams.advanceWallClock(Duration.between(TopologyHarness.WALL_CLOCK, DEC_1_SHANGHAI));
        snapshots();

        // when
        streams.advanceWallClock(Duration.ofDays(31));

        // then
        ForecastSnapshot december = snapshots().stream().filter(s -> s.month().equals("2026-12")).findFirst().orElseThrow();
        assertThat(december.actualClosedWon()).isEqualByComparingTo("0");
        assertThat(december.error()).isNull();
    }

    @Test
    void aMonthWhoseFirstDayPassedBeforeTheServiceSawItIsNotFrozenLate() {
        // given: a deal in November; the service is running on 27 November
        streams.send(TestDeal.created("PROSPECTING", "1000.00", LocalDate.of(2026, 11, 28), T0));

        // when
        streams.advanceWallClock(Duration.ofHours(1));

        // then
        assertThat(snapshots.isEmpty()).isTrue();
    }

    Map<String, ForecastChanged> cells() {
        Map<String, ForecastChanged> latest = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : forecast.readKeyValuesToList()) {
            latest.put(kv.key, EventJson.read(kv.value, ForecastChanged.class));
        }
        return latest;
    }

    List<ForecastSnapshot> snapshots() {
        return snapshots.readValuesToList().stream().map(v -> EventJson.read(v, ForecastSnapshot.class)).toList();
    }
}
