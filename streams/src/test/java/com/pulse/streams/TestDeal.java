package com.pulse.streams;

import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An opportunity as the API would publish it, one version at a time, for topology specifications.
 * Changing the stage sets the stage's default probability and forecast category, and closedAt when
 * the stage is closed (at the version's time), as the API does.
 */
public record TestDeal(UUID id, long version, Operation operation, UUID ownerId, String stage, BigDecimal amountBase,
                       int probability, String forecastCategory, LocalDate expectedCloseDate, Instant closedAt,
                       boolean deleted, Instant at) {

    public static TestDeal created(String stage, String amountBase, LocalDate expectedCloseDate, Instant at) {
        PipelineStage s = Pipeline.DEFAULT.stage(stage).orElseThrow();
        return new TestDeal(UUID.randomUUID(), 1, Operation.CREATED, null, stage, new BigDecimal(amountBase), s.probability(),
                s.defaultForecastCategory(), expectedCloseDate, s.isOpen() ? null : at, false, at);
    }

    /** The next version, one second later. */
    public TestDeal next() {
        return new TestDeal(id, version + 1, Operation.UPDATED, ownerId, stage, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, deleted, at.plusSeconds(1));
    }

    /** The next version at a given time. */
    public TestDeal nextAt(Instant when) {
        return new TestDeal(id, version + 1, Operation.UPDATED, ownerId, stage, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, deleted, when);
    }

    public TestDeal stage(String newStage) {
        PipelineStage s = Pipeline.DEFAULT.stage(newStage).orElseThrow();
        return new TestDeal(id, version, operation, ownerId, newStage, amountBase, s.probability(), s.defaultForecastCategory(),
                expectedCloseDate, s.isOpen() ? null : at, deleted, at);
    }

    public TestDeal owner(UUID newOwner) {
        return new TestDeal(id, version, operation, newOwner, stage, amountBase, probability, forecastCategory, expectedCloseDate,
                closedAt, deleted, at);
    }

    public TestDeal amountBase(String newAmountBase) {
        return new TestDeal(id, version, operation, ownerId, stage, new BigDecimal(newAmountBase), probability, forecastCategory,
                expectedCloseDate, closedAt, deleted, at);
    }

    public TestDeal probability(int newProbability) {
        return new TestDeal(id, version, operation, ownerId, stage, amountBase, newProbability, forecastCategory, expectedCloseDate,
                closedAt, deleted, at);
    }

    public TestDeal category(String newCategory) {
        return new TestDeal(id, version, operation, ownerId, stage, amountBase, probability, newCategory, expectedCloseDate,
                closedAt, deleted, at);
    }

    public TestDeal expectedClose(LocalDate newDate) {
        return new TestDeal(id, version, operation, ownerId, stage, amountBase, probability, forecastCategory, newDate,
                closedAt, deleted, at);
    }

    public TestDeal delete() {
        return new TestDeal(id, version, Operation.DELETED, ownerId, stage, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, true, at);
    }

    public TestDeal restore() {
        return new TestDeal(id, version, Operation.RESTORED, ownerId, stage, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, false, at);
    }

    public OpportunityChanged event() {
        return event(null);
    }

    /** The event, the deal belonging to the given account. */
    public OpportunityChanged event(UUID accountId) {
        OpportunitySnapshot snapshot = new OpportunitySnapshot(id, accountId, ownerId, "Deal " + id, stage, amountBase, "CNY", amountBase,
                probability, forecastCategory, expectedCloseDate, closedAt, Instant.parse("2026-01-01T00:00:00Z"), at, deleted, version);
        return new OpportunityChanged(UUID.nameUUIDFromBytes((id + "/" + version).getBytes(StandardCharsets.UTF_8)), id,
                version, operation, "tester", at, snapshot);
    }
}
