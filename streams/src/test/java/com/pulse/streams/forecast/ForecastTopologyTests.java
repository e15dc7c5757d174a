package com.pulse.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.streams.TestDeal;
import com.pulse.streams.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** METRICS.md §Forecast, per scope and calendar month in the company time zone (Asia/Shanghai here). */
class ForecastTopologyTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    static final LocalDate JAN_20 = LocalDate.of(2027, 1, 20);
    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");
    static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-000000000b0b");

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> forecast;

    @BeforeEach
    void start() {
        start(SHANGHAI);
    }

    void start(ZoneId zone) {
        streams = new TopologyHarness(zone);
        forecast = streams.output(TopologyHarness.TOPICS.aggForecast());
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void anOpenDealCountsInTheMonthOfItsExpectedCloseDateForTheCompanyAndItsOwner() {
        // when: PROSPECTING, probability 10, category PIPELINE
        streams.send(TestDeal.created("PROSPECTING", "1000.00", DEC_15, T0).owner(ALICE));

        // then: pipeline and weighted; nothing committed; projected = closedWon + weighted
        assertThat(cells()).containsExactlyInAnyOrder(
                company("2026-12", "0", "1000", "100", "0", "0", "100"),
                owner(ALICE, "2026-12", "0", "1000", "100", "0", "0", "100"));
    }

    @Test
    void aDealWithoutOwnerCountsForTheCompanyOnly() {
        // when
        streams.send(TestDeal.created("PROSPECTING", "1000.00", DEC_15, T0));

        // then
        assertThat(cells()).containsExactly(company("2026-12", "0", "1000", "100", "0", "0", "100"));
    }

    @Test
    void movingTheExpectedCloseDateLeavesOneMonthAndEntersTheOther() {
        // given
        TestDeal deal = TestDeal.created("QUALIFICATION", "500.00", DEC_15, T0);
        streams.send(deal);
        cells();

        // when
        streams.send(deal.next().expectedClose(JAN_20));

        // then: December empties (published with zeros), January gains the deal
        assertThat(cells()).containsExactly(
                company("2026-12", "0", "0", "0", "0", "0", "0"),
                company("2027-01", "0", "500", "100", "0", "0", "100"));
    }

    @Test
    void winningMovesADealFromItsExpectedMonthToClosedWonInTheMonthItClosed() {
        // given: NEGOTIATION is COMMIT by default, expected in January
        TestDeal deal = TestDeal.created("NEGOTIATION", "2000.00", JAN_20, T0).owner(BOB);
        streams.send(deal);
        assertThat(cells()).contains(company("2027-01", "0", "2000", "1600", "2000", "2000", "1600"));

        // when: won on 5 December
        streams.send(deal.nextAt(Instant.parse("2026-12-05T03:00:00Z")).stage("CLOSED_WON"));

        // then: closedWon counts in commit, bestCase and projected; January no longer expects it
        assertThat(cells()).containsExactlyInAnyOrder(
                company("2027-01", "0", "0", "0", "0", "0", "0"),
                company("2026-12", "2000", "0", "0", "2000", "2000", "2000"),
                owner(BOB, "2027-01", "0", "0", "0", "0", "0", "0"),
                owner(BOB, "2026-12", "2000", "0", "0", "2000", "2000", "2000"));
    }

    @Test
    void losingADealTakesItOutOfTheForecast() {
        // given
        TestDeal deal = TestDeal.created("PROPOSAL", "300.00", DEC_15, T0);
        streams.send(deal);
        cells();

        // when
        streams.send(deal.next().stage("CLOSED_LOST"));

        // then
        assertThat(cells()).containsExactly(company("2026-12", "0", "0", "0", "0", "0", "0"));
    }

    @Test
    void aDeletedDealCountsNowhereAndARestoredOneCountsAgain() {
        // given: one won and one open deal in December
        TestDeal won = TestDeal.created("CLOSED_WON", "700.00", DEC_15, Instant.parse("2026-12-02T01:00:00Z"));
        TestDeal open = TestDeal.created("NEEDS_ANALYSIS", "100.00", DEC_15, T0);
        streams.send(won);
        streams.send(open);
        assertThat(last()).isEqualTo(company("2026-12", "700", "100", "40", "700", "700", "740"));

        // when
        streams.send(won = won.next().delete());

        // then
        assertThat(last()).isEqualTo(company("2026-12", "0", "100", "40", "0", "0", "40"));

        // when
        streams.send(won.next().restore());

        // then
        assertThat(last()).isEqualTo(company("2026-12", "700", "100", "40", "700", "700", "740"));
    }

    @Test
    void anAmountChangeReplacesTheOldContributionInOneUpdate() {
        // given
        TestDeal deal = TestDeal.created("PROPOSAL", "1000.00", DEC_15, T0);
        streams.send(deal);
        cells();

        // when: re-priced; amountBase is what the API converted it to
        streams.send(deal.next().amountBase("1083.45"));

        // then: no transient empty cell, exact to the fraction of a cent (60 % of 1083.45)
        assertThat(cells()).containsExactly(company("2026-12", "0", "1083.45", "650.07", "0", "1083.45", "650.07"));
    }

    @Test
    void commitAddsOpenCommitDealsAndBestCaseAddsOpenBestCaseDealsOnTopOfClosedWon() {
        // when: in December one won deal and one open deal per category
        streams.send(TestDeal.created("CLOSED_WON", "1000.00", DEC_15, Instant.parse("2026-12-01T02:00:00Z")));
        streams.send(TestDeal.created("NEGOTIATION", "100.00", DEC_15, T0));                      // COMMIT, 80 %
        streams.send(TestDeal.created("PROPOSAL", "50.00", DEC_15, T0));                          // BEST_CASE, 60 %
        streams.send(TestDeal.created("PROSPECTING", "10.00", DEC_15, T0));                       // PIPELINE, 10 %
        streams.send(TestDeal.created("QUALIFICATION", "10000.00", DEC_15, T0).category("OMITTED")); // counts nowhere
        streams.send(TestDeal.created("QUALIFICATION", "20.00", DEC_15, T0).category("COMMIT"));  // overridden, 20 %

        // then: pipeline 180, weighted 80 + 30 + 1 + 4 = 115, commit 1000 + 120, bestCase 1120 + 50, projected 1000 + 115
        assertThat(last()).isEqualTo(company("2026-12", "1000", "180", "115", "1120", "1170", "1115"));
    }

    @Test
    void aCategoryChangeMovesTheAmountBetweenCommitAndBestCase() {
        // given
        TestDeal deal = TestDeal.created("PROPOSAL", "400.00", DEC_15, T0);
        streams.send(deal);
        assertThat(last()).isEqualTo(company("2026-12", "0", "400", "240", "0", "400", "240"));

        // when
        streams.send(deal.next().category("COMMIT"));

        // then
        assertThat(last()).isEqualTo(company("2026-12", "0", "400", "240", "400", "400", "240"));
    }

    @Test
    void aDealWonAt2330UtcOnTheLastDayOfAMonthBelongsToTheNextMonthInShanghai() {
        // when: 30 November 23:30 UTC is 1 December 07:30 in Shanghai
        streams.send(TestDeal.created("CLOSED_WON", "99.99", DEC_15, Instant.parse("2026-11-30T23:30:00Z")));

        // then
        assertThat(cells()).containsExactly(company("2026-12", "99.99", "0", "0", "99.99", "99.99", "99.99"));
    }

    @Test
    void theSameInstantBelongsToTheMonthItIsInTheConfiguredZone() {
        // given: a company in UTC
        streams.close();
        start(ZoneId.of("UTC"));

        // when
        streams.send(TestDeal.created("CLOSED_WON", "99.99", DEC_15, Instant.parse("2026-11-30T23:30:00Z")));

        // then
        assertThat(cells()).containsExactly(company("2026-11", "99.99", "0", "0", "99.99", "99.99", "99.99"));
    }

    @Test
    void changingTheOwnerMovesTheDealBetweenOwnerScopesAndLeavesTheCompanyAsItWas() {
        // given
        TestDeal deal = TestDeal.created("NEGOTIATION", "100.00", DEC_15, T0).owner(ALICE);
        streams.send(deal);
        cells();

        // when
        streams.send(deal.next().owner(BOB));

        // then
        assertThat(cells()).containsExactlyInAnyOrder(
                owner(ALICE, "2026-12", "0", "0", "0", "0", "0", "0"),
                owner(BOB, "2026-12", "0", "100", "80", "100", "100", "80"),
                company("2026-12", "0", "100", "80", "100", "100", "80"));
    }

    @Test
    void duplicatesAndOlderVersionsChangeNothing() {
        // given
        TestDeal v1 = TestDeal.created("PROSPECTING", "10.00", DEC_15, T0);
        TestDeal v2 = v1.next().expectedClose(JAN_20);
        streams.send(v1);
        streams.send(v2);
        cells();

        // when
        streams.send(v2);
        streams.send(v1);

        // then
        assertThat(forecast.isEmpty()).isTrue();
    }

    @Test
    void messagesAreKeyedByScopeAndMonth() {
        // when
        streams.send(TestDeal.created("PROSPECTING", "1.00", DEC_15, T0).owner(ALICE));

        // then
        assertThat(forecast.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactlyInAnyOrder("COMPANY:company:2026-12", "OWNER:" + ALICE + ":2026-12");
    }

    // --- helpers -----------------------------------------------------------------------------

    List<ForecastChanged> cells() {
        return forecast.readValuesToList().stream().map(v -> normalised(EventJson.read(v, ForecastChanged.class))).toList();
    }

    /** The last company cell published. */
    ForecastChanged last() {
        List<ForecastChanged> company = cells().stream().filter(c -> c.scopeType().equals("COMPANY")).toList();
        return company.get(company.size() - 1);
    }

    /** Compare values, not scales, and leave out the time. */
    static ForecastChanged normalised(ForecastChanged c) {
        return new ForecastChanged(c.scopeType(), c.scopeId(), c.month(), v(c.closedWon()), v(c.pipeline()), v(c.weighted()),
                v(c.commit()), v(c.bestCase()), v(c.projected()), null);
    }

    static BigDecimal v(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    static ForecastChanged company(String month, String closedWon, String pipeline, String weighted, String commit, String bestCase,
                                   String projected) {
        return cell("COMPANY", "company", month, closedWon, pipeline, weighted, commit, bestCase, projected);
    }

    static ForecastChanged owner(UUID owner, String month, String closedWon, String pipeline, String weighted, String commit,
                                 String bestCase, String projected) {
        return cell("OWNER", owner.toString(), month, closedWon, pipeline, weighted, commit, bestCase, projected);
    }

    static ForecastChanged cell(String scopeType, String scopeId, String month, String closedWon, String pipeline, String weighted,
                                String commit, String bestCase, String projected) {
        return new ForecastChanged(scopeType, scopeId, month, v(new BigDecimal(closedWon)), v(new BigDecimal(pipeline)),
                v(new BigDecimal(weighted)), v(new BigDecimal(commit)), v(new BigDecimal(bestCase)), v(new BigDecimal(projected)), null);
    }
}
