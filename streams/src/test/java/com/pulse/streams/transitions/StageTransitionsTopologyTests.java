package com.pulse.streams.transitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.EventJson;
import com.pulse.events.StageTransitioned;
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

class StageTransitionsTopologyTests {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final LocalDate CLOSE = LocalDate.of(2026, 12, 15);

    TopologyHarness streams;
    TestOutputTopic<String, byte[]> transitions;

    @BeforeEach
    void start() {
        streams = new TopologyHarness(ZoneId.of("Asia/Shanghai"));
        transitions = streams.output(TopologyHarness.TOPICS.aggTransitions());
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void creatingADealIsATransitionFromNoStage() {
        // when
        UUID owner = UUID.randomUUID();
        TestDeal deal = TestDeal.created("PROSPECTING", "1000.00", CLOSE, T0).owner(owner);
        streams.send(deal);

        // then: keyed by the opportunity, at the snapshot's updatedAt, with amount and owner of that version
        List<KeyValue<String, byte[]>> records = transitions.readKeyValuesToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key).isEqualTo(deal.id().toString());
        assertThat(normalised(EventJson.read(records.get(0).value, StageTransitioned.class)))
                .isEqualTo(new StageTransitioned(deal.id(), null, "PROSPECTING", T0, new BigDecimal("1000.00").stripTrailingZeros(), owner, 1));
    }

    @Test
    void movingForwardAndBackIsOneTransitionPerMove() {
        // given
        TestDeal v1 = TestDeal.created("QUALIFICATION", "500.00", CLOSE, T0);
        TestDeal v2 = v1.next().stage("PROPOSAL");
        TestDeal v3 = v2.next().stage("QUALIFICATION");

        // when
        streams.send(v1);
        streams.send(v2);
        streams.send(v3);

        // then
        assertThat(read()).containsExactly(
                transition(v1, null, "QUALIFICATION"),
                transition(v2, "QUALIFICATION", "PROPOSAL"),
                transition(v3, "PROPOSAL", "QUALIFICATION"));
    }

    @Test
    void aChangeThatKeepsTheStageIsNoTransition() {
        // given
        TestDeal v1 = TestDeal.created("PROPOSAL", "500.00", CLOSE, T0);
        streams.send(v1);
        read();

        // when: amount, probability, close date, delete and restore
        TestDeal v2 = v1.next().amountBase("700.00").probability(70).expectedClose(CLOSE.plusMonths(1));
        TestDeal v3 = v2.next().delete();
        TestDeal v4 = v3.next().restore();
        streams.send(v2);
        streams.send(v3);
        streams.send(v4);

        // then
        assertThat(transitions.isEmpty()).isTrue();

        // when: the next move carries the amount of its own version
        TestDeal v5 = v4.next().stage("CLOSED_WON");
        streams.send(v5);

        // then
        assertThat(read()).containsExactly(transition(v5, "PROPOSAL", "CLOSED_WON"));
        assertThat(v5.amountBase()).isEqualByComparingTo("700.00");
    }

    @Test
    void duplicatesAndOutOfOrderVersionsEmitNothingTwice() {
        // given
        TestDeal v1 = TestDeal.created("PROSPECTING", "50.00", CLOSE, T0);
        TestDeal v2 = v1.next().stage("QUALIFICATION");
        TestDeal v3 = v2.next().stage("NEEDS_ANALYSIS");
        TestDeal v4 = v3.next().stage("QUALIFICATION");

        // when: v1 twice, v3 before v2, v2 late, v4 twice
        streams.send(v1);
        streams.send(v1);
        streams.send(v3);
        streams.send(v2);
        streams.send(v4);
        streams.send(v4);
        streams.send(v1);

        // then: the late v2 is dropped by the version filter; the move is seen as v1 → v3
        assertThat(read()).containsExactly(
                transition(v1, null, "PROSPECTING"),
                transition(v3, "PROSPECTING", "NEEDS_ANALYSIS"),
                transition(v4, "NEEDS_ANALYSIS", "QUALIFICATION"));
    }

    @Test
    void reopeningALostDealIsATransitionBackToItsOpenStage() {
        // given
        TestDeal v1 = TestDeal.created("NEGOTIATION", "900.00", CLOSE, T0);
        TestDeal v2 = v1.next().stage("CLOSED_LOST");
        TestDeal v3 = v2.next().stage("NEGOTIATION");

        // when
        streams.send(v1);
        streams.send(v2);
        streams.send(v3);

        // then
        assertThat(read()).extracting(t -> t.fromStage() + "→" + t.toStage())
                .containsExactly("null→NEGOTIATION", "NEGOTIATION→CLOSED_LOST", "CLOSED_LOST→NEGOTIATION");
    }

    List<StageTransitioned> read() {
        return transitions.readValuesToList().stream().map(v -> normalised(EventJson.read(v, StageTransitioned.class))).toList();
    }

    /** Compare amounts by value: the JSON round trip does not keep trailing zeros. */
    static StageTransitioned normalised(StageTransitioned t) {
        return new StageTransitioned(t.opportunityId(), t.fromStage(), t.toStage(), t.at(), t.amountBase().stripTrailingZeros(),
                t.ownerId(), t.version());
    }

    static StageTransitioned transition(TestDeal deal, String from, String to) {
        return new StageTransitioned(deal.id(), from, to, deal.at(), deal.amountBase().stripTrailingZeros(), deal.ownerId(), deal.version());
    }
}
