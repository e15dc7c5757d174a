package com.pulse.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Activity checks without a database: related records, completion time, notes, and the change list. */
class ActivityRulesTests {

    private static final Instant NOW = Instant.parse("2027-01-15T08:00:00Z");

    private static CreateActivity activity(UUID account, UUID contact, UUID opportunity, Instant completedAt, String notes) {
        return new CreateActivity("CALL", "Intro call", notes, account, contact, opportunity, null, completedAt, null);
    }

    @Test
    void anyOneRelatedRecordIsEnough() {
        assertThat(ActivityRules.validate(activity(UUID.randomUUID(), null, null, null, null), NOW)).isEmpty();
        assertThat(ActivityRules.validate(activity(null, UUID.randomUUID(), null, null, null), NOW)).isEmpty();
        assertThat(ActivityRules.validate(activity(null, null, UUID.randomUUID(), null, null), NOW)).isEmpty();
        assertThat(ActivityRules.validate(activity(null, null, null, null, null), NOW)).extracting(FieldProblem::field)
                .containsExactly("accountId");
    }

    @Test
    void completionMayNotLieInTheFutureBeyondClockSkew() {
        UUID account = UUID.randomUUID();
        assertThat(ActivityRules.validate(activity(account, null, null, NOW.plusSeconds(30), null), NOW)).isEmpty();
        assertThat(ActivityRules.validate(activity(account, null, null, NOW.plus(Duration.ofMinutes(2)), null), NOW))
                .extracting(FieldProblem::field).containsExactly("completedAt");
    }

    @Test
    void notesKeepLineBreaksButNotNulOrBlankness() {
        UUID account = UUID.randomUUID();
        assertThat(ActivityRules.validate(activity(account, null, null, null, "line one\nline two\ttabbed"), NOW)).isEmpty();
        assertThat(ActivityRules.validate(activity(account, null, null, null, "a\u0000b"), NOW)).extracting(FieldProblem::field)
                .containsExactly("notes");
        assertThat(ActivityRules.validate(activity(account, null, null, null, " \n "), NOW)).extracting(FieldProblem::field)
                .containsExactly("notes");
    }

    @Test
    void theChangeListNamesOnlyChangedFieldsAndTruncatesToMicroseconds() {
        UUID account = UUID.randomUUID();
        Activity created = ActivityRules.create(UUID.randomUUID(),
                new CreateActivity("CALL", "Intro", null, account, null, null, Instant.parse("2027-02-01T00:00:00.123456789Z"), null, null),
                NOW);
        assertThat(created.dueAt()).isEqualTo(Instant.parse("2027-02-01T00:00:00.123456Z"));

        Activity done = created.completed(NOW.plusSeconds(60));
        assertThat(done.version()).isEqualTo(2);
        assertThat(ActivityRules.changes(created, done)).extracting(c -> c.field() + ":" + c.oldValue() + ">" + c.newValue())
                .containsExactly("completedAt:null>" + NOW.plusSeconds(60));
    }
}
