package com.pulse.streams.kpis;

import static com.pulse.streams.kpis.KpiHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.KpiChanged;
import com.pulse.events.KpiChanged.KpiTarget;
import com.pulse.events.LeadFact;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Specifications of the sales KPIs (METRICS.md §KPIs, §Targets) per scope and period; "today" is Friday 27 Nov 2026 in Shanghai. */
class KpiTopologyTests {

    private final KpiHarness h = new KpiHarness();
    private final UUID owner = UUID.randomUUID();
    private final Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aWonDealCountsForTheDayMonthQuarterAndYearUntilItIsReopened() {
        // given
        UUID deal = UUID.randomUUID();
        h.opportunity(deal, 1, owner, "NEGOTIATION", "1000.00", 80, tenDaysAgo, null, false);
        h.opportunity(deal, 2, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.flush();

        // then
        for (String period : KpiChanged.PERIODS) {
            assertThat(h.company(period).revenueWon()).as(period).isEqualByComparingTo("1000.00");
            assertThat(h.get("OWNER", owner.toString(), period).revenueWon()).as(period).isEqualByComparingTo("1000.00");
        }
        KpiChanged today = h.company(KpiChanged.TODAY);
        assertThat(today.asOf()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(today.newOpportunities()).isZero();
        assertThat(h.company(KpiChanged.MTD).newOpportunities()).isEqualTo(1);
        assertThat(today.openPipeline()).isEqualByComparingTo("0");
        assertThat(today.winRate90d()).isEqualByComparingTo("1.0000");
        assertThat(today.avgDealSize90d()).isEqualByComparingTo("1000.00");
        assertThat(today.salesCycleDays90d()).isEqualByComparingTo("10.00");

        // when: reopened
        h.opportunity(deal, 3, owner, "NEGOTIATION", "1000.00", 80, tenDaysAgo, null, false);
        h.flush();

        // then
        for (String period : KpiChanged.PERIODS) {
            assertThat(h.company(period).revenueWon()).as(period).isEqualByComparingTo("0");
        }
        today = h.company(KpiChanged.TODAY);
        assertThat(today.openPipeline()).isEqualByComparingTo("1000.00");
        assertThat(today.weightedPipeline()).isEqualByComparingTo("800.00");
        assertThat(today.winRate90d()).isNull();
        assertThat(today.avgDealSize90d()).isNull();
        assertThat(today.salesCycleDays90d()).isNull();
    }

    @Test
    void aDeletedDealCountsNowhereAndARestoredOneCountsAgain() {
        // given
        UUID deal = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        h.opportunity(deal, 1, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.opportunity(lost, 1, owner, "CLOSED_LOST", "500.00", 0, tenDaysAgo, NOW, false);
        h.flush();
        assertThat(h.company(KpiChanged.MTD).winRate90d()).isEqualByComparingTo("0.5000");

        // when
        h.opportunity(deal, 2, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, true);
        h.flush();

        // then
        KpiChanged mtd = h.company(KpiChanged.MTD);
        assertThat(mtd.revenueWon()).isEqualByComparingTo("0");
        assertThat(mtd.newOpportunities()).isEqualTo(1);
        assertThat(mtd.winRate90d()).isEqualByComparingTo("0.0000");

        // when
        h.opportunity(deal, 3, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.flush();

        // then
        mtd = h.company(KpiChanged.MTD);
        assertThat(mtd.revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(mtd.newOpportunities()).isEqualTo(2);
        assertThat(mtd.winRate90d()).isEqualByComparingTo("0.5000");
    }

    @Test
    void aConvertedLeadIsAConversionADisqualifiedOneOnlyClosesOnTheDayItWasFirstSeenDisqualified() {
        // given
        UUID converted = UUID.randomUUID();
        UUID disqualified = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        Instant october30 = Instant.parse("2026-10-30T02:00:00Z");
        Instant october31 = Instant.parse("2026-10-31T02:00:00Z");

        // when
        h.lead(converted, 1, owner, "NEW", NOW, null, NOW, false);
        h.lead(converted, 2, owner, "CONVERTED", NOW, NOW, NOW, false);
        h.lead(disqualified, 1, owner, "NEW", october30, null, october30, false);
        h.lead(disqualified, 2, owner, "DISQUALIFIED", october30, null, october31, false);
        h.lead(disqualified, 3, owner, "DISQUALIFIED", october30, null, NOW, false); // edited later: still closed on 31 Oct
        h.lead(open, 1, owner, "WORKING", NOW, null, NOW, false);
        h.flush();

        // then
        KpiChanged mtd = h.company(KpiChanged.MTD);
        assertThat(mtd.newLeads()).isEqualTo(2);
        assertThat(mtd.leadsConverted()).isEqualTo(1);
        assertThat(mtd.leadsClosed()).isEqualTo(1);
        assertThat(mtd.leadConversionRate()).isEqualByComparingTo("1.0000");
        KpiChanged qtd = h.company(KpiChanged.QTD);
        assertThat(qtd.newLeads()).isEqualTo(3);
        assertThat(qtd.leadsConverted()).isEqualTo(1);
        assertThat(qtd.leadsClosed()).isEqualTo(2);
        assertThat(qtd.leadConversionRate()).isEqualByComparingTo("0.5000");
        List<LeadFact> facts = h.leadFacts();
        assertThat(facts).hasSize(6);
        LeadFact last = facts.stream().filter(f -> f.leadId().equals(disqualified)).reduce((a, b) -> b).orElseThrow();
        assertThat(last.version()).isEqualTo(3);
        assertThat(last.closedAt()).isEqualTo(october31);

        // when: the disqualified lead is deleted
        h.lead(disqualified, 4, owner, "DISQUALIFIED", october30, null, NOW, true);
        h.flush();

        // then
        qtd = h.company(KpiChanged.QTD);
        assertThat(qtd.newLeads()).isEqualTo(2);
        assertThat(qtd.leadsClosed()).isEqualTo(1);
    }

    @Test
    void midnightInTheCompanyZoneMovesTodayAndTheNinetyDayWindowWithoutANewEvent() {
        // given: one deal won today, one 89 days before today (30 Aug, 18:00 in Shanghai: the window's first day)
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "3000.00", 100, Instant.parse("2026-08-01T10:00:00Z"),
                Instant.parse("2026-08-30T10:00:00Z"), false);
        h.flush();
        KpiChanged before = h.company(KpiChanged.TODAY);
        assertThat(before.revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(before.avgDealSize90d()).isEqualByComparingTo("2000.00");
        int published = h.published();

        // when: 00:00:05 on 28 Nov in Shanghai (16:00:05 UTC), no event
        h.advanceTo(Instant.parse("2026-11-27T16:00:05Z"));

        // then
        assertThat(h.published()).isGreaterThan(published);
        KpiChanged today = h.company(KpiChanged.TODAY);
        assertThat(today.asOf()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(today.periodStart()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(today.revenueWon()).isEqualByComparingTo("0");
        assertThat(today.avgDealSize90d()).isEqualByComparingTo("1000.00");
        assertThat(today.winRate90d()).isEqualByComparingTo("1.0000");
        assertThat(h.company(KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(h.company(KpiChanged.YTD).revenueWon()).isEqualByComparingTo("4000.00");
    }

    @Test
    void toDateMeansUpToTodayAForwardDatedCloseCountsFromItsOwnDay() {
        // given: closes dated Sunday 29 November and Thursday 3 December (Shanghai), while today is 27 November
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo,
                Instant.parse("2026-11-29T02:00:00Z"), false);
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "500.00", 100, tenDaysAgo,
                Instant.parse("2026-12-03T02:00:00Z"), false);
        h.flush();

        // then: nothing won to date
        for (String period : KpiChanged.PERIODS) {
            assertThat(h.company(period).revenueWon()).as(period).isEqualByComparingTo("0");
        }

        // when: 29 November begins in Shanghai
        h.advanceTo(Instant.parse("2026-11-28T16:00:05Z"));

        // then: the November close counts from its day; the December one not yet, even in the quarter and year
        assertThat(h.company(KpiChanged.TODAY).revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(h.company(KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(h.company(KpiChanged.QTD).revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(h.company(KpiChanged.YTD).revenueWon()).isEqualByComparingTo("1000.00");
    }

    @Test
    void duplicatesAndLateOlderVersionsChangeNothing() {
        // given
        UUID deal = UUID.randomUUID();
        h.opportunity(deal, 1, owner, "PROPOSAL", "500.00", 60, tenDaysAgo, null, false);
        h.opportunity(deal, 3, owner, "CLOSED_WON", "700.00", 100, tenDaysAgo, NOW, false);
        h.flush();
        int published = h.published();

        // when: the late version 2 and a second delivery of version 3
        h.opportunity(deal, 2, owner, "NEGOTIATION", "600.00", 80, tenDaysAgo, null, false);
        h.opportunity(deal, 3, owner, "CLOSED_WON", "700.00", 100, tenDaysAgo, NOW, false);
        h.opportunity(deal, 1, owner, "PROPOSAL", "500.00", 60, tenDaysAgo, null, false);
        h.flush();

        // then
        assertThat(h.published()).isEqualTo(published);
        KpiChanged mtd = h.company(KpiChanged.MTD);
        assertThat(mtd.revenueWon()).isEqualByComparingTo("700.00");
        assertThat(mtd.newOpportunities()).isEqualTo(1);
        assertThat(mtd.openPipeline()).isEqualByComparingTo("0");
    }

    @Test
    void aRecordCountsForItsOwnersTeamAndEveryAncestorAndMovesWithTheOwner() {
        // given: department D with teams A and B
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        h.ownerTeams(owner, a, d);
        h.ownerTeams(other, b, d);
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.opportunity(UUID.randomUUID(), 1, other, "CLOSED_WON", "300.00", 100, tenDaysAgo, NOW, false);
        h.opportunity(UUID.randomUUID(), 1, null, "CLOSED_WON", "50.00", 100, tenDaysAgo, NOW, false);
        h.activity(UUID.randomUUID(), 1, owner, "CALL", NOW, false);
        h.flush();

        // then
        assertThat(h.get("TEAM", a.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1000.00");
        assertThat(h.get("TEAM", b.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("300.00");
        assertThat(h.get("TEAM", d.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1300.00");
        assertThat(h.get("TEAM", d.toString(), KpiChanged.TODAY).activities()).isEqualTo(1);
        assertThat(h.company(KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1350.00");
        assertThat(h.activityFacts()).singleElement().satisfies(f -> assertThat(f.teamPath()).containsExactly(a, d));

        // when: the owner moves to team B
        h.ownerTeams(owner, b, d);
        h.flush();

        // then
        assertThat(h.get("TEAM", a.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("0");
        assertThat(h.get("TEAM", a.toString(), KpiChanged.MTD).activities()).isZero();
        assertThat(h.get("TEAM", b.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1300.00");
        assertThat(h.get("TEAM", b.toString(), KpiChanged.MTD).activities()).isEqualTo(1);
        assertThat(h.get("TEAM", d.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1300.00");
        assertThat(h.get("OWNER", owner.toString(), KpiChanged.MTD).revenueWon()).isEqualByComparingTo("1000.00");
    }

    @Test
    void targetAttainmentIsTheActualOverTheSumOfTheLiveTargetsOfTheScopeAndPeriod() {
        // given
        UUID team = UUID.randomUUID();
        UUID monthTarget = UUID.randomUUID();
        UUID quarterTarget = UUID.randomUUID();
        UUID secondQuarterTarget = UUID.randomUUID();
        h.ownerTeams(owner, team);
        h.opportunity(UUID.randomUUID(), 1, owner, "CLOSED_WON", "1000.00", 100, tenDaysAgo, NOW, false);
        h.lead(UUID.randomUUID(), 1, owner, "NEW", NOW, null, NOW, false);

        // when
        h.target(monthTarget, 1, "USER", owner, "MONTH", "2026-11", "WON_AMOUNT", "2000.00", false);
        h.target(quarterTarget, 1, "TEAM", team, "QUARTER", "2026-Q4", "NEW_LEADS", "3", false);
        h.target(secondQuarterTarget, 1, "TEAM", team, "QUARTER", "2026-Q4", "NEW_LEADS", "1", false);
        h.flush();

        // then
        assertThat(target(h.get("OWNER", owner.toString(), KpiChanged.MTD), "WON_AMOUNT"))
                .isEqualTo(new KpiTarget("WON_AMOUNT", new BigDecimal("2000.00"), new BigDecimal("1000.00"), new BigDecimal("0.5000")));
        assertThat(target(h.get("TEAM", team.toString(), KpiChanged.QTD), "NEW_LEADS").attainment()).isEqualByComparingTo("0.2500");
        assertThat(target(h.get("TEAM", team.toString(), KpiChanged.MTD), "NEW_LEADS").target()).isNull();
        assertThat(target(h.get("OWNER", owner.toString(), KpiChanged.TODAY), "WON_AMOUNT").target()).isNull();

        // when: one quarter target deleted, the month target changed
        h.target(secondQuarterTarget, 2, "TEAM", team, "QUARTER", "2026-Q4", "NEW_LEADS", "1", true);
        h.target(monthTarget, 2, "USER", owner, "MONTH", "2026-11", "WON_AMOUNT", "4000.00", false);
        h.flush();

        // then
        assertThat(target(h.get("TEAM", team.toString(), KpiChanged.QTD), "NEW_LEADS").target()).isEqualByComparingTo("3");
        assertThat(target(h.get("TEAM", team.toString(), KpiChanged.QTD), "NEW_LEADS").attainment()).isEqualByComparingTo("0.3333");
        assertThat(target(h.get("OWNER", owner.toString(), KpiChanged.MTD), "WON_AMOUNT").attainment()).isEqualByComparingTo("0.2500");
    }

    @Test
    void activitiesCountWhenCompletedAndCustomersByTierCountActiveAccountsNow() {
        // when
        UUID call = UUID.randomUUID();
        h.activity(call, 1, owner, "CALL", null, false);
        h.activity(UUID.randomUUID(), 1, owner, "VISIT", NOW, false);
        h.activity(UUID.randomUUID(), 1, owner, "EMAIL", NOW, true);
        h.account(UUID.randomUUID(), 1, owner, "A", "CUSTOMER", "ACTIVE", NOW, false);
        h.account(UUID.randomUUID(), 1, owner, "A", "PARTNER", "ACTIVE", tenDaysAgo, false);
        h.account(UUID.randomUUID(), 1, owner, "B", "CUSTOMER", "INACTIVE", tenDaysAgo, false);
        h.account(UUID.randomUUID(), 1, owner, "C", "CUSTOMER", "ACTIVE", NOW, true);
        h.flush();

        // then
        KpiChanged today = h.company(KpiChanged.TODAY);
        assertThat(today.activities()).isEqualTo(1);
        assertThat(today.newCustomers()).isEqualTo(1);
        assertThat(h.company(KpiChanged.MTD).newCustomers()).isEqualTo(2);
        assertThat(today.customersByTier()).isEqualTo(Map.of("A", 2L, "B", 0L, "C", 0L, "D", 0L));

        // when: the open call is completed
        h.activity(call, 2, owner, "CALL", NOW, false);
        h.flush();

        // then
        assertThat(h.company(KpiChanged.TODAY).activities()).isEqualTo(2);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndProcessingGoesOn() {
        // when
        h.raw(KpiHarness.TOPICS.leads(), "not-a-lead", "{not json".getBytes());
        h.lead(UUID.randomUUID(), 1, owner, "NEW", NOW, null, NOW, false);
        h.flush();

        // then
        assertThat(h.deadLetters()).singleElement().satisfies(d -> assertThat(d.sourceTopic()).isEqualTo(KpiHarness.TOPICS.leads()));
        assertThat(h.company(KpiChanged.TODAY).newLeads()).isEqualTo(1);
    }

    @Test
    void aPoisonOpportunityIsSkippedWithoutASecondDeadLetterPulseStreamsWritesThatOne() {
        // when
        h.raw(KpiHarness.TOPICS.opportunities(), "poison", "{\"not\":\"a cloud event\"}".getBytes());
        h.opportunity(UUID.randomUUID(), 1, owner, "PROPOSAL", "10.00", 60, NOW, null, false);
        h.flush();

        // then
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.company(KpiChanged.TODAY).newOpportunities()).isEqualTo(1);
    }

    private static KpiTarget target(KpiChanged k, String metric) {
        return k.targets().stream().filter(t -> t.metric().equals(metric)).findFirst().orElseThrow();
    }
}
