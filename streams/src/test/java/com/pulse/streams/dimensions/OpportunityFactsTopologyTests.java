package com.pulse.streams.dimensions;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.EventJson;
import com.pulse.events.OpportunityFact;
import com.pulse.events.OwnerTeams;
import com.pulse.streams.TestDeal;
import com.pulse.streams.TopologyHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dimensions joined into the opportunity stream: every applied version becomes an {@link OpportunityFact} carrying
 * the owner's team and team path and the account's industry, region and tier as known when the version was applied.
 * Tree: SALES (department) → EAST, WEST. ALICE is in EAST.
 */
class OpportunityFactsTopologyTests {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    static final UUID SALES = UUID.fromString("00000000-0000-0000-0000-0000000005a1");
    static final UUID EAST = UUID.fromString("00000000-0000-0000-0000-00000000ea57");
    static final UUID WEST = UUID.fromString("00000000-0000-0000-0000-000000000e57");
    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");
    static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-00000000ac3e");

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> facts;
    TestOutputTopic<String, byte[]> ownerTeams;

    @BeforeEach
    void start() {
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"));
        facts = streams.output(TopologyHarness.TOPICS.aggOpportunities());
        ownerTeams = streams.output(TopologyHarness.TOPICS.aggOwnerTeams());
        streams.team(SALES, 1, null, false);
        streams.team(EAST, 1, SALES, false);
        streams.team(WEST, 1, SALES, false);
        streams.user(ALICE, 1, EAST);
        streams.account(ACME, 1, "MANUFACTURING", "EAST_CHINA", "A");
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void aVersionCarriesItsOwnersTeamPathAndItsAccountsDimensions() {
        // when
        TestDeal deal = TestDeal.created("PROPOSAL", "100.00", DEC_15, T0).owner(ALICE);
        streams.send(deal, ACME);

        // then
        OpportunityFact fact = lastFact();
        assertThat(fact.opportunityId()).isEqualTo(deal.id());
        assertThat(fact.teamId()).isEqualTo(EAST);
        assertThat(fact.teamPath()).containsExactly(EAST, SALES);
        assertThat(fact.industry()).isEqualTo("MANUFACTURING");
        assertThat(fact.region()).isEqualTo("EAST_CHINA");
        assertThat(fact.tier()).isEqualTo("A");
        assertThat(fact.amountBase()).isEqualByComparingTo("100");
    }

    @Test
    void aMoveAndAReclassificationShowFromTheNextVersionOn() {
        // given
        TestDeal deal = TestDeal.created("PROPOSAL", "100.00", DEC_15, T0).owner(ALICE);
        streams.send(deal, ACME);
        facts.readValuesToList();

        // when: ALICE moves to WEST and ACME becomes tier B; then the deal changes
        streams.user(ALICE, 2, WEST);
        streams.account(ACME, 2, "MANUFACTURING", "EAST_CHINA", "B");

        // then: the owner's new place is published, and no fact is rewritten
        assertThat(ownerTeams.readValuesToList().stream().map(v -> EventJson.read(v, OwnerTeams.class)).toList())
                .extracting(OwnerTeams::teamPath).contains(List.of(WEST, SALES));
        assertThat(facts.isEmpty()).isTrue();

        // when
        streams.send(deal.next().amountBase("120.00"), ACME);

        // then
        OpportunityFact fact = lastFact();
        assertThat(fact.teamPath()).containsExactly(WEST, SALES);
        assertThat(fact.tier()).isEqualTo("B");
        assertThat(fact.version()).isEqualTo(2);
    }

    @Test
    void unknownOwnersAndAccountsLeaveTheDimensionsEmpty() {
        // when
        streams.send(TestDeal.created("PROPOSAL", "100.00", DEC_15, T0).owner(UUID.randomUUID()), UUID.randomUUID());

        // then
        OpportunityFact fact = lastFact();
        assertThat(fact.teamId()).isNull();
        assertThat(fact.teamPath()).isEmpty();
        assertThat(fact.industry()).isNull();
    }

    @Test
    void duplicateAndOlderVersionsMakeNoFactAndAnOlderAccountVersionChangesNothing() {
        // given
        TestDeal v1 = TestDeal.created("PROPOSAL", "100.00", DEC_15, T0).owner(ALICE);
        TestDeal v2 = v1.next().amountBase("150.00");
        streams.send(v1, ACME);
        streams.send(v2, ACME);
        facts.readValuesToList();
        streams.account(ACME, 2, "RETAIL", "NORTH_CHINA", "C");
        streams.account(ACME, 1, "MANUFACTURING", "EAST_CHINA", "A");

        // when
        streams.send(v2, ACME);
        streams.send(v1, ACME);
        streams.send(v2.next(), ACME);

        // then: one fact, for version 3, with the account as of its version 2
        List<OpportunityFact> all = facts.readValuesToList().stream().map(v -> EventJson.read(v, OpportunityFact.class)).toList();
        assertThat(all).singleElement().satisfies(f -> {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.industry()).isEqualTo("RETAIL");
        });
    }

    OpportunityFact lastFact() {
        List<OpportunityFact> all = facts.readValuesToList().stream().map(v -> EventJson.read(v, OpportunityFact.class)).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
