package com.pulse.streams.dimensions;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.DeadLetter;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.streams.TestDeal;
import com.pulse.streams.TopologyHarness;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * Team scopes (METRICS.md §Scopes: a team and its sub-teams): a deal counts for its owner, the owner's team and every
 * team above it, in the funnel and in the forecast. The tree here: SALES (department) → EAST, WEST (sub-teams); OPS.
 */
class TeamScopesTopologyTests {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    static final UUID SALES = UUID.fromString("00000000-0000-0000-0000-0000000005a1");
    static final UUID EAST = UUID.fromString("00000000-0000-0000-0000-00000000ea57");
    static final UUID WEST = UUID.fromString("00000000-0000-0000-0000-000000000e57");
    static final UUID OPS = UUID.fromString("00000000-0000-0000-0000-0000000000b5");
    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");
    static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-000000000b0b");

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> funnel;
    TestOutputTopic<String, byte[]> forecast;
    TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start() {
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"));
        funnel = streams.output(TopologyHarness.TOPICS.aggFunnel());
        forecast = streams.output(TopologyHarness.TOPICS.aggForecast());
        dlq = streams.output(TopologyHarness.TOPICS.dlq());
        streams.team(SALES, 1, null, false);
        streams.team(EAST, 1, SALES, false);
        streams.team(WEST, 1, SALES, false);
        streams.team(OPS, 1, null, false);
        streams.user(ALICE, 1, EAST);
        streams.user(BOB, 1, WEST);
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void aDealCountsForItsOwnerItsOwnersTeamAndEveryTeamAbove() {
        // when
        streams.send(TestDeal.created("PROSPECTING", "1000.00", DEC_15, T0).owner(ALICE));

        // then: funnel cells for the owner, EAST and SALES; none for WEST or OPS
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.keySet()).containsExactlyInAnyOrder("COMPANY:company:PROSPECTING", "OWNER:" + ALICE + ":PROSPECTING",
                "TEAM:" + EAST + ":PROSPECTING", "TEAM:" + SALES + ":PROSPECTING");
        assertThat(cells.get("TEAM:" + SALES + ":PROSPECTING")).satisfies(c -> {
            assertThat(c.count()).isEqualTo(1);
            assertThat(c.amount()).isEqualByComparingTo("1000");
            assertThat(c.weighted()).isEqualByComparingTo("100");
        });
        // and the forecast likewise
        Map<String, ForecastChanged> months = forecastCells();
        assertThat(months.keySet()).containsExactlyInAnyOrder("COMPANY:company:2026-12", "OWNER:" + ALICE + ":2026-12",
                "TEAM:" + EAST + ":2026-12", "TEAM:" + SALES + ":2026-12");
        assertThat(months.get("TEAM:" + EAST + ":2026-12").pipeline()).isEqualByComparingTo("1000");
        assertThat(months.get("TEAM:" + SALES + ":2026-12").weighted()).isEqualByComparingTo("100");
    }

    @Test
    void aDepartmentAddsUpItsSubTeams() {
        // when
        streams.send(TestDeal.created("PROPOSAL", "100.00", DEC_15, T0).owner(ALICE));
        streams.send(TestDeal.created("PROPOSAL", "250.00", DEC_15, T0).owner(BOB));

        // then
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.get("TEAM:" + EAST + ":PROPOSAL").amount()).isEqualByComparingTo("100");
        assertThat(cells.get("TEAM:" + WEST + ":PROPOSAL").amount()).isEqualByComparingTo("250");
        assertThat(cells.get("TEAM:" + SALES + ":PROPOSAL").count()).isEqualTo(2);
        assertThat(cells.get("TEAM:" + SALES + ":PROPOSAL").amount()).isEqualByComparingTo("350");
        assertThat(forecastCells().get("TEAM:" + SALES + ":2026-12").bestCase()).isEqualByComparingTo("350");
    }

    @Test
    void movingAUserToAnotherTeamTakesTheirDealsAlongFromThenOn() {
        // given
        streams.send(TestDeal.created("NEGOTIATION", "500.00", DEC_15, T0).owner(ALICE));
        funnelCells();
        forecastCells();

        // when: ALICE moves from EAST to WEST
        streams.user(ALICE, 2, WEST);

        // then: EAST empties (published with zeros), WEST gains the deal, SALES holds it throughout
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.get("TEAM:" + EAST + ":NEGOTIATION").count()).isZero();
        assertThat(cells.get("TEAM:" + WEST + ":NEGOTIATION").count()).isEqualTo(1);
        assertThat(cells.get("TEAM:" + WEST + ":NEGOTIATION").amount()).isEqualByComparingTo("500");
        assertThat(cells).doesNotContainKey("TEAM:" + SALES + ":NEGOTIATION");
        Map<String, ForecastChanged> months = forecastCells();
        assertThat(months.get("TEAM:" + EAST + ":2026-12").commit()).isEqualByComparingTo("0");
        assertThat(months.get("TEAM:" + WEST + ":2026-12").commit()).isEqualByComparingTo("500");
        assertThat(months).doesNotContainKeys("TEAM:" + SALES + ":2026-12", "COMPANY:company:2026-12");

        // and: her next deal counts for WEST too
        streams.send(TestDeal.created("NEGOTIATION", "1.00", DEC_15, T0).owner(ALICE));
        assertThat(funnelCells().get("TEAM:" + WEST + ":NEGOTIATION").count()).isEqualTo(2);
    }

    @Test
    void movingATeamUnderAnotherParentMovesItsMembersDealsUpTheNewChain() {
        // given
        streams.send(TestDeal.created("QUALIFICATION", "80.00", DEC_15, T0).owner(ALICE));
        funnelCells();

        // when: EAST moves from SALES to OPS
        streams.team(EAST, 2, OPS, false);

        // then
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.get("TEAM:" + SALES + ":QUALIFICATION").count()).isZero();
        assertThat(cells.get("TEAM:" + OPS + ":QUALIFICATION").count()).isEqualTo(1);
        assertThat(cells).doesNotContainKey("TEAM:" + EAST + ":QUALIFICATION");
    }

    @Test
    void aDeletedTeamCountsNothingAndEndsThePathOfItsMembers() {
        // given
        streams.send(TestDeal.created("QUALIFICATION", "80.00", DEC_15, T0).owner(ALICE));
        funnelCells();

        // when
        streams.team(EAST, 2, SALES, true);

        // then: neither EAST nor, through it, SALES holds ALICE's deal
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.get("TEAM:" + EAST + ":QUALIFICATION").count()).isZero();
        assertThat(cells.get("TEAM:" + SALES + ":QUALIFICATION").count()).isZero();
    }

    @Test
    void anOwnerWhoseUserArrivesLaterIsAttributedWhenItArrives() {
        // given: CAROL's deal arrives before CAROL's user record
        UUID carol = UUID.randomUUID();
        streams.send(TestDeal.created("PROSPECTING", "10.00", DEC_15, T0).owner(carol));
        assertThat(funnelCells().keySet()).noneMatch(k -> k.startsWith("TEAM:"));

        // when
        streams.user(carol, 1, EAST);

        // then
        Map<String, FunnelChanged> cells = funnelCells();
        assertThat(cells.get("TEAM:" + EAST + ":PROSPECTING").count()).isEqualTo(1);
        assertThat(cells.get("TEAM:" + SALES + ":PROSPECTING").count()).isEqualTo(1);
    }

    @Test
    void duplicateAndOlderUserAndTeamVersionsChangeNothing() {
        // given
        streams.send(TestDeal.created("PROSPECTING", "10.00", DEC_15, T0).owner(ALICE));
        streams.user(ALICE, 2, WEST);
        funnelCells();
        forecastCells();

        // when: the move again, then the older version (in EAST), then an old team version
        streams.user(ALICE, 2, WEST);
        streams.user(ALICE, 1, EAST);
        streams.team(WEST, 1, SALES, false);

        // then
        assertThat(funnel.isEmpty()).isTrue();
        assertThat(forecast.isEmpty()).isTrue();
    }

    @Test
    void aDealWithoutOwnerOrWithAnOwnerWithoutTeamCountsForNoTeam() {
        // when
        UUID loner = UUID.randomUUID();
        streams.user(loner, 1, null);
        streams.send(TestDeal.created("PROSPECTING", "10.00", DEC_15, T0));
        streams.send(TestDeal.created("PROSPECTING", "20.00", DEC_15, T0).owner(loner));

        // then
        assertThat(funnelCells().keySet()).containsExactlyInAnyOrder("COMPANY:company:PROSPECTING", "OWNER:" + loner + ":PROSPECTING");
    }

    @Test
    void aPoisonUserRecordIsDeadLetteredAndTheTreeGoesOn() {
        // when
        streams.rawUser("not-a-user", "{\"no\":\"cloud event\"}".getBytes(StandardCharsets.UTF_8));
        streams.send(TestDeal.created("PROSPECTING", "10.00", DEC_15, T0).owner(ALICE));

        // then
        DeadLetter letter = EventJson.read(dlq.readValue(), DeadLetter.class);
        assertThat(letter.sourceTopic()).isEqualTo(TopologyHarness.TOPICS.users());
        assertThat(funnelCells().get("TEAM:" + SALES + ":PROSPECTING").count()).isEqualTo(1);
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The last value published per key since the previous read. */
    Map<String, FunnelChanged> funnelCells() {
        Map<String, FunnelChanged> latest = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : funnel.readKeyValuesToList()) {
            latest.put(kv.key, EventJson.read(kv.value, FunnelChanged.class));
        }
        return latest;
    }

    Map<String, ForecastChanged> forecastCells() {
        Map<String, ForecastChanged> latest = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : forecast.readKeyValuesToList()) {
            latest.put(kv.key, EventJson.read(kv.value, ForecastChanged.class));
        }
        return latest;
    }

    static BigDecimal v(String s) {
        return new BigDecimal(s);
    }
}
