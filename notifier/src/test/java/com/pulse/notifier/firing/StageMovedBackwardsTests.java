package com.pulse.notifier.firing;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageMovedBackwardsTests {

    static final Instant AT = Instant.parse("2026-11-27T10:15:30Z");

    @ParameterizedTest
    @CsvSource({
            "NEGOTIATION,    QUALIFICATION,  true",
            "QUALIFICATION,  PROSPECTING,    true",
            "CLOSED_WON,     NEGOTIATION,    true",
            "QUALIFICATION,  PROPOSAL,       false",
            "PROPOSAL,       PROPOSAL,       false",
            "NEGOTIATION,    CLOSED_LOST,    false",
            "NEGOTIATION,    CLOSED_WON,     false",
            "CLOSED_LOST,    PROSPECTING,    false",
            "NO_SUCH_STAGE,  PROSPECTING,    false",
            "PROPOSAL,       NO_SUCH_STAGE,  false"})
    void backwardsIsAnEarlierStageOfThePipelineAndLostIsNoStepBack(String from, String to, boolean backwards) {
        assertThat(StageMovedBackwards.backwards(from, to)).isEqualTo(backwards);
    }

    @Test
    void onlyAnUpdateOfALiveOwnedDealInAStageThatIsNotLostIsACandidate() {
        assertThat(StageMovedBackwards.candidate(event("QUALIFICATION", Operation.UPDATED, false, UUID.randomUUID()))).isTrue();
        assertThat(StageMovedBackwards.candidate(event("CLOSED_LOST", Operation.UPDATED, false, UUID.randomUUID()))).isFalse();
        assertThat(StageMovedBackwards.candidate(event("QUALIFICATION", Operation.CREATED, false, UUID.randomUUID()))).isFalse();
        assertThat(StageMovedBackwards.candidate(event("QUALIFICATION", Operation.DELETED, true, UUID.randomUUID()))).isFalse();
        assertThat(StageMovedBackwards.candidate(event("QUALIFICATION", Operation.UPDATED, false, null))).isFalse();
    }

    @Test
    void theThresholdIsComparedExactlyAndZeroTakesEveryDeal() {
        OpportunitySnapshot deal = event("QUALIFICATION", Operation.UPDATED, false, UUID.randomUUID()).snapshot();
        assertThat(StageMovedBackwards.largeEnough(Map.of("minAmount", "0"), deal)).isTrue();
        assertThat(StageMovedBackwards.largeEnough(Map.of("minAmount", "500000"), deal)).isTrue();
        assertThat(StageMovedBackwards.largeEnough(Map.of("minAmount", "500000.01"), deal)).isFalse();
    }

    @Test
    void theLineNamesBothStagesAndTheAmountInEnglishOrChinese() {
        OpportunitySnapshot deal = event("QUALIFICATION", Operation.UPDATED, false, UUID.randomUUID()).snapshot();
        assertThat(StageMovedBackwards.line(deal, "NEGOTIATION", "CNY", false))
                .isEqualTo("Substation — moved back from NEGOTIATION to QUALIFICATION (500,000.00 CNY)");
        assertThat(StageMovedBackwards.line(deal, "NEGOTIATION", "CNY", true))
                .isEqualTo("Substation — 从 NEGOTIATION 退回 QUALIFICATION（500,000.00 CNY）");
    }

    private static OpportunityChanged event(String stage, Operation operation, boolean deleted, UUID owner) {
        UUID id = UUID.randomUUID();
        OpportunitySnapshot deal = new OpportunitySnapshot(id, null, owner, "Substation", stage, new BigDecimal("500000"),
                "CNY", new BigDecimal("500000"), 20, "PIPELINE", null, null, AT.minusSeconds(3600), AT, deleted, 3);
        return new OpportunityChanged(UUID.randomUUID(), id, 3, operation, "user:test", AT, deal);
    }
}
