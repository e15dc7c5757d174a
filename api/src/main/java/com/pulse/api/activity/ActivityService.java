package com.pulse.api.activity;

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
import com.pulse.api.system.RefusedException;
import com.pulse.events.ActivityChanged;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, completes, bins and restores activities; each change is one transaction of row,
 * history and outbox event on {@code crm.activities.v1} (see {@link Lifecycle}).
 */
@Service
public class ActivityService {

    static final String AGGREGATE_TYPE = "activity";

    private final IdempotencyKeys keys;
    private final ActivityRepository repository;
    /** Related records must be live and, like the record itself, inside the caller's data scope. */
    private final References references;
    private final Lifecycle<Activity> lifecycle;

    ActivityService(ActivityRepository repository, References references, OutboxWriter outbox, TransactionalOperator tx,
                        DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.references = references;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), ActivityRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.ACTIVITIES, AGGREGATE_TYPE, new ActivityChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                Scoping.byOwner(scopes, "ownerId", Activity::ownerId, Activity::ownedBy));
    }

    public Mono<Activity> create(CreateActivity request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Activity>> create(CreateActivity request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = ActivityRules.validate(request, lifecycle.now());
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Activity> build = Mono.defer(() -> {
            Activity created = ActivityRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, caller, keys.claim(key, request));
    }

    Mono<Activity> update(UUID id, UpdateActivity request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = ActivityRules.validate(request, lifecycle.now());
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Activity next = ActivityRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    /** Marks the activity done now; it then counts for the ACTIVITIES KPI. Completing it twice is a 409. */
    Mono<Activity> complete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> current.completedAt() != null
                ? Mono.error(RefusedException.stateConflict("activity " + id + " was already completed at " + current.completedAt()))
                : Mono.just(current.completed(lifecycle.now())));
    }

    Mono<Activity> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Activity> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Activity> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of an activity, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<ActivitySnapshot>> list(ActivityFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Activity::snapshot,
                a -> PageCursor.after(request, a.id(), a.subject(), a.createdAt()))));
    }

    /** Each related record must be live when it is set or changed; the owner must be a user. */
    private Mono<Void> checkReferences(Activity before, Activity after) {
        Mono<Boolean> account = changed(before == null ? null : before.accountId(), after.accountId(), "accounts");
        Mono<Boolean> contact = changed(before == null ? null : before.contactId(), after.contactId(), "contacts");
        Mono<Boolean> opportunity = changed(before == null ? null : before.opportunityId(), after.opportunityId(), "opportunities");
        Mono<Boolean> owner = after.ownerId() == null || Objects.equals(after.ownerId(), before == null ? null : before.ownerId())
                ? Mono.just(true) : repository.user(after.ownerId());
        return InOrder.zip(account, contact, opportunity, owner).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("accountId", "unknown account, or in the recycle bin"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("contactId", "unknown contact, or in the recycle bin"));
            }
            if (!ok.getT3()) {
                errors.add(new FieldProblem("opportunityId", "unknown opportunity, or in the recycle bin"));
            }
            if (!ok.getT4()) {
                errors.add(new FieldProblem("ownerId", "unknown user"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }

    private Mono<Boolean> changed(UUID before, UUID after, String table) {
        return after == null || after.equals(before) ? Mono.just(true) : references.live(table, after);
    }
}
