package com.pulse.api.task;

import com.pulse.api.crud.HistoryEntry;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.Operation;
import com.pulse.events.TaskChanged;
import com.pulse.events.TaskSnapshot;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, bins and restores tasks; each change is one transaction of row,
 * history and outbox event on {@code crm.tasks.v1} (see {@link Lifecycle}).
 */
@Service
public class TaskService {

    static final String AGGREGATE_TYPE = "task";

    private final TaskRepository repository;
    private final Lifecycle<Task> lifecycle;

    TaskService(TaskRepository repository, OutboxWriter outbox, TransactionalOperator tx) {
        this.repository = repository;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), TaskRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.TASKS, AGGREGATE_TYPE, new TaskChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())));
    }

    public Mono<Task> create(CreateTask request, String actor) {
        List<FieldProblem> errors = TaskRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Task> build = Mono.defer(() -> {
            Task created = TaskRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, actor);
    }

    Mono<Task> update(UUID id, UpdateTask request, Long expectedVersion, String actor) {
        List<FieldProblem> errors = TaskRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, actor, Operation.UPDATED, current -> {
            Task next = TaskRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Task> delete(UUID id, Long expectedVersion, String actor) {
        return lifecycle.change(id, expectedVersion, actor, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Task> restore(UUID id, Long expectedVersion, String actor) {
        return lifecycle.change(id, expectedVersion, actor, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Task> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a task, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id) {
        return repository.exists(id)
                .flatMapMany(exists -> exists ? repository.history().read(id)
                        : Flux.error(new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Mono<Page<TaskSnapshot>> list(TaskFilter filter, ListRequest request) {
        return repository.page(filter, request).collectList().map(rows -> Page.of(rows, request, Task::snapshot,
                t -> PageCursor.after(request, t.id(), t.title(), t.createdAt())));
    }

    /** The assignee must be a user; a related account or opportunity must be live when it is set or changed. */
    private Mono<Void> checkReferences(Task before, Task after) {
        Mono<Boolean> assignee = before != null && after.assigneeId().equals(before.assigneeId())
                ? Mono.just(true) : repository.user(after.assigneeId());
        Mono<Boolean> account = changed(before == null ? null : before.accountId(), after.accountId(), "accounts");
        Mono<Boolean> opportunity = changed(before == null ? null : before.opportunityId(), after.opportunityId(), "opportunities");
        return Mono.zip(assignee, account, opportunity).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("assigneeId", "unknown user"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("accountId", "unknown account, or in the recycle bin"));
            }
            if (!ok.getT3()) {
                errors.add(new FieldProblem("opportunityId", "unknown opportunity, or in the recycle bin"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }

    private Mono<Boolean> changed(UUID before, UUID after, String table) {
        return after == null || after.equals(before) ? Mono.just(true) : repository.live(table, after);
    }
}
