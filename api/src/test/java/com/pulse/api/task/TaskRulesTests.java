package com.pulse.api.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Task checks without a database. */
class TaskRulesTests {

    @Test
    void aNewTaskIsOpenUnlessToldOtherwise() {
        Instant now = Instant.parse("2027-01-15T08:00:00Z");
        Task task = TaskRules.create(UUID.randomUUID(), new CreateTask(" Send quote ", UUID.randomUUID(), null, null, null, null), now);
        assertThat(task.status()).isEqualTo("OPEN");
        assertThat(task.title()).isEqualTo("Send quote");
        assertThat(task.version()).isEqualTo(1);
    }

    @Test
    void titleAndAssigneeAreRequiredAndStatusIsOneOfFour() {
        assertThat(TaskRules.validate(new CreateTask(null, null, null, "LATER", null, null))).extracting(FieldProblem::field)
                .containsExactly("title", "assigneeId", "status");
        assertThat(TaskRules.validate(new UpdateTask(null, null, null, null, null, null, 1L))).extracting(FieldProblem::field)
                .containsExactly("body");
        assertThat(TaskRules.validate(new UpdateTask(null, null, Instant.parse("1999-12-31T23:59:59Z"), "DONE", null, null, null)))
                .extracting(FieldProblem::field).containsExactly("due");
    }
}
