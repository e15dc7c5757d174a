package com.pulse.api.task;

import com.pulse.api.crud.Created;
import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.IdempotencyKeys;
import com.pulse.api.crud.HistoryEntry;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.crud.References;
import com.pulse.api.crud.Scoping;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.api.security.DataScopes;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
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

    private final IdempotencyKeys keys;
    private final TaskRepository repository;
    /** Related records must be live and, like the record itself, inside the caller's data scope. */
    private final References references;
    private final Lifecycle<Task> lifecycle;

    TaskService(TaskRepository repository, References references, OutboxWriter outbox, TransactionalOperator tx,
                    DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.references = references;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), TaskRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.TASKS, AGGREGATE_TYPE, new TaskChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                // A task names its assignee (required), so there is no owner to default.
                Scoping.byOwner(scopes, "assigneeId", Task::assigneeId, (task, caller) -> task));
    }

    public Mono<Task> create(CreateTask request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Task>> create(CreateTask request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = TaskRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Task> build = Mono.defer(() -> {
            Task created = TaskRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, caller, keys.claim(key, request));
    }

    Mono<Task> update(UUID id, UpdateTask request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = TaskRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Task next = TaskRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Task> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Task> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Task> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a task, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<TaskSnapshot>> list(TaskFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Task::snapshot,
                t -> PageCursor.after(request, t.id(), t.title(), t.createdAt()))));
    }

    /** The assignee must be a user; a related account or opportunity must be live when it is set or changed. */
    private Mono<Void> checkReferences(Task before, Task after) {
        Mono<Boolean> assignee = before != null && after.assigneeId().equals(before.assigneeId())
                ? Mono.just(true) : repository.user(after.assigneeId());
        Mono<Boolean> account = changed(before == null ? null : before.accountId(), after.accountId(), "accounts");
        Mono<Boolean> opportunity = changed(before == null ? null : before.opportunityId(), after.opportunityId(), "opportunities");
        return InOrder.zip(assignee, account, opportunity).flatMap(ok -> {
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
        return after == null || after.equals(before) ? Mono.just(true) : references.live(table, after);
    }
}
