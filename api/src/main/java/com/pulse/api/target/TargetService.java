package com.pulse.api.target;

import com.pulse.api.crud.Created;
import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.IdempotencyKeys;
import com.pulse.api.crud.HistoryEntry;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.crud.Scoping;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.api.security.DataScopes;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.api.system.RefusedException;
import com.pulse.events.Operation;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.events.Topics;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, bins and restores targets; each change is one transaction of row,
 * history and outbox event on {@code crm.targets.v1} (see {@link Lifecycle}). At most one
 * live target exists per scope, period and metric: a second one is a 409 naming the first.
 */
@Service
public class TargetService {

    static final String AGGREGATE_TYPE = "target";

    private final IdempotencyKeys keys;
    private final TargetRepository repository;
    private final Lifecycle<Target> lifecycle;

    TargetService(TargetRepository repository, OutboxWriter outbox, TransactionalOperator tx, DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), TargetRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.TARGETS, AGGREGATE_TYPE, new TargetChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                new Scoping<Target>(scopes, (scope, t) -> scope.seesTarget(t.scopeType(), t.scopeId()),
                        (scope, t) -> scope.target(t.scopeType(), t.scopeId()), "scopeId", t -> t.scopeType() + ":" + t.scopeId(), (t, user) -> t,
                        // A rep or manager sees the own team's targets; changing them takes a scope that includes that team.
                        (scope, t) -> scope.target(t.scopeType(), t.scopeId())));
    }

    public Mono<Target> create(CreateTarget request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Target>> create(CreateTarget request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = TargetRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Target> build = Mono.defer(() -> {
            Target created = TargetRules.create(UUID.randomUUID(), request, lifecycle.now());
            return repository.scopeExists(created.scopeType(), created.scopeId())
                    .flatMap(ok -> ok ? unique(created) : Mono.error(new InvalidRequestException("scopeId",
                            "unknown " + created.scopeType().toLowerCase())));
        });
        return lifecycle.create(build, caller, keys.claim(key, request)).onErrorMap(DuplicateKeyException.class, TargetService::raced);
    }

    Mono<Target> update(UUID id, UpdateTarget request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = TargetRules.validate(request, null);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            List<FieldProblem> forMetric = TargetRules.validate(request, current.metric());
            return forMetric.isEmpty() ? Mono.just(TargetRules.update(current, request, lifecycle.now()))
                    : Mono.error(new InvalidRequestException(forMetric));
        });
    }

    Mono<Target> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    /** A target comes back only while no other live target has taken its scope, period and metric. */
    Mono<Target> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                        current -> unique(current.binned(null, lifecycle.now())))
                .onErrorMap(DuplicateKeyException.class, TargetService::raced);
    }

    Mono<Target> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a target, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<TargetSnapshot>> list(TargetFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Target::snapshot,
                t -> PageCursor.after(request, t.id(), t.period(), t.createdAt()))));
    }

    private Mono<Target> unique(Target t) {
        return repository.liveTwin(t)
                .flatMap(twin -> Mono.<Target>error(RefusedException.stateConflict(
                        "target " + twin + " already exists for " + t.identity())))
                .switchIfEmpty(Mono.just(t));
    }

    /** Two writers created the same target at once: the unique index let one through. */
    private static Throwable raced(DuplicateKeyException e) {
        return RefusedException.stateConflict("a target for this scope, period and metric was created concurrently; reload");
    }
}
