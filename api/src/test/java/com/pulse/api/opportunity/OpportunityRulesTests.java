package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpportunityRulesTests {

    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T08:00:00Z");

    private static Opportunity created(String stage, Integer probability) {
        CreateOpportunity r = new CreateOpportunity("Deal", new BigDecimal("100"), "CNY", stage, probability, null, null, null);
        return OpportunityRules.create(UUID.randomUUID(), r, "CNY", new BigDecimal("100.00"), T0);
    }

    private static UpdateOpportunity stage(String stage) {
        return new UpdateOpportunity(null, stage, null, null, null, null, null);
    }

    @Test
    void aNewDealStartsProspectingWithTheStagesProbabilityAndCategory() {
        Opportunity o = created(null, null);

        assertThat(o.stage()).isEqualTo("PROSPECTING");
        assertThat(o.probability()).isEqualTo(10);
        assertThat(o.forecastCategory()).isEqualTo("PIPELINE");
        assertThat(o.closedAt()).isNull();
        assertThat(o.version()).isEqualTo(1);
        assertThat(o.amount()).isEqualByComparingTo("100.00").hasScaleOf(2);
    }

    @Test
    void anExplicitProbabilityOverridesTheStageDefault() {
        assertThat(created("PROPOSAL", 35).probability()).isEqualTo(35);
        assertThat(created("PROPOSAL", null).forecastCategory()).isEqualTo("BEST_CASE");
    }

    @Test
    void movingAStageResetsProbabilityAndCategoryToTheNewStage() {
        Opportunity moved = OpportunityRules.update(created("PROSPECTING", 15), stage("NEGOTIATION"), "CNY",
                new BigDecimal("100.00"), new BigDecimal("100.00"), T1);

        assertThat(moved.probability()).isEqualTo(80);
        assertThat(moved.forecastCategory()).isEqualTo("COMMIT");
        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.updatedAt()).isEqualTo(T1);
        assertThat(moved.createdAt()).isEqualTo(T0);
    }

    @Test
    void winningSetsClosedAtAndReopeningClearsIt() {
        Opportunity won = OpportunityRules.update(created("NEGOTIATION", null), stage("CLOSED_WON"), "CNY",
                new BigDecimal("100.00"), new BigDecimal("100.00"), T1);
        assertThat(won.closedAt()).isEqualTo(T1);
        assertThat(won.probability()).isEqualTo(100);
        assertThat(won.forecastCategory()).isEqualTo("CLOSED");

        Opportunity reopened = OpportunityRules.update(won, stage("PROPOSAL"), "CNY",
                new BigDecimal("100.00"), new BigDecimal("100.00"), T1.plusSeconds(60));
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.version()).isEqualTo(3);
    }

    @Test
    void aDealCreatedLostIsClosedFromTheStart() {
        Opportunity lost = created("CLOSED_LOST", null);

        assertThat(lost.closedAt()).isEqualTo(T0);
        assertThat(lost.forecastCategory()).isEqualTo("OMITTED");
        assertThat(lost.probability()).isZero();
    }

    @Test
    void historyListsOnlyTheFieldsThatChanged() {
        Opportunity before = created("PROSPECTING", null);
        Opportunity after = OpportunityRules.update(before, stage("QUALIFICATION"), "CNY",
                new BigDecimal("100.00"), new BigDecimal("100.00"), T1);

        assertThat(OpportunityRules.changes(before, after)).containsExactly(
                new OpportunityRules.FieldChange("stage", "PROSPECTING", "QUALIFICATION"),
                new OpportunityRules.FieldChange("probability", "10", "20"));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        CreateOpportunity bad = new CreateOpportunity(" ", new BigDecimal("-1"), "usd", "WON", 101,
                LocalDate.of(1999, 12, 31), null, null);

        assertThat(OpportunityRules.validate(bad)).extracting(FieldProblem::field)
                .containsExactly("name", "amount", "currency", "stage", "probability", "expectedCloseDate");
    }

    @Test
    void amountsAreBoundedAndHaveAtMostTwoDecimals() {
        assertThat(OpportunityRules.validate(create("1.005"))).extracting(FieldProblem::field).containsExactly("amount");
        assertThat(OpportunityRules.validate(create("1E+400"))).extracting(FieldProblem::field).containsExactly("amount");
        assertThat(OpportunityRules.validate(create("1.50"))).isEmpty();
        assertThat(OpportunityRules.validate(create("1E+3"))).isEmpty();
        assertThat(OpportunityRules.validate(create("0"))).isEmpty();
    }

    @Test
    void anEmptyPatchIsRefused() {
        assertThat(OpportunityRules.validate(new UpdateOpportunity(null, null, null, null, null, null, 3L)))
                .extracting(FieldProblem::field).containsExactly("body");
    }

    private static CreateOpportunity create(String amount) {
        return new CreateOpportunity("Deal", new BigDecimal(amount), null, null, null, null, null, null);
    }

    @Test
    void aLostReasonStaysWhileLostAndGoesOnReopening() {
        Opportunity open = created("NEGOTIATION", null);
        BigDecimal amount = new BigDecimal("100.00");
        Opportunity lost = OpportunityRules.update(open, stage("CLOSED_LOST"), "Price", "CNY", amount, amount, T1);
        Opportunity edited = OpportunityRules.update(lost, new UpdateOpportunity("Renamed", null, null, null, null, null, null),
                "CNY", amount, amount, T1);
        Opportunity reopened = OpportunityRules.update(edited, stage("PROPOSAL"), "CNY", amount, amount, T1);

        assertThat(lost.lostReason()).isEqualTo("Price");
        assertThat(edited.lostReason()).isEqualTo("Price");
        assertThat(reopened.lostReason()).isNull();
        assertThat(OpportunityRules.changes(open, lost)).contains(new OpportunityRules.FieldChange("lostReason", null, "Price"));
    }

    @Test
    void theRecycleBinShowsInTheHistoryAsTheDeletedField() {
        Opportunity live = created(null, null);
        Opportunity deleted = live.binned(T1, T1);
        Opportunity restored = deleted.binned(null, T1);

        assertThat(deleted.version()).isEqualTo(2);
        assertThat(deleted.snapshot().deleted()).isTrue();
        assertThat(OpportunityRules.changes(live, deleted)).containsExactly(new OpportunityRules.FieldChange("deleted", "false", "true"));
        assertThat(OpportunityRules.changes(deleted, restored)).containsExactly(new OpportunityRules.FieldChange("deleted", "true", "false"));
        assertThat(OpportunityRules.changes(null, live)).extracting(OpportunityRules.FieldChange::field).doesNotContain("deleted");
    }

    @Test
    void aStageMoveNeedsAStageAndTakesALostReasonOnlyWhenLost() {
        assertThat(OpportunityRules.validate(new StageMove(null, null, null, null))).extracting(FieldProblem::field)
                .containsExactly("stage");
        assertThat(OpportunityRules.validate(new StageMove("CLOSED_WON", null, "Price", null))).extracting(FieldProblem::field)
                .containsExactly("lostReason");
        assertThat(OpportunityRules.validate(new StageMove("CLOSED_LOST", 0, "Price\nand timing", 2L))).isEmpty();
    }

    @Test
    void theIdempotencyHashIgnoresHowTheSameValuesAreWritten() {
        CreateOpportunity a = new CreateOpportunity("Deal", new BigDecimal("100"), null, null, null, null, null, null);
        CreateOpportunity b = new CreateOpportunity("Deal", new BigDecimal("100.00"), null, null, null, null, null, null);
        CreateOpportunity c = new CreateOpportunity("Deal", new BigDecimal("100.01"), null, null, null, null, null, null);

        assertThat(OpportunityService.requestHash(a)).isEqualTo(OpportunityService.requestHash(b)).hasSize(64);
        assertThat(OpportunityService.requestHash(c)).isNotEqualTo(OpportunityService.requestHash(a));
    }
}
