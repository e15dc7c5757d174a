package com.pulse.api.crud;

import com.pulse.api.security.Caller;
import com.pulse.api.security.DataScope;
import com.pulse.api.system.ConflictException;
import com.pulse.api.system.NotFoundException;
import com.pulse.api.system.OutOfScopeException;
import com.pulse.api.system.RefusedException;
import com.pulse.events.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * How every change of a versioned entity is written: ONE transaction holding the row
 * (version + 1), a history row per changed field and the outbox event with the full
 * snapshot, so either all of them exist or none does. Updates lock the row first, so
 * concurrent changes of one record serialise and its outbox rows stay in version order.
 * Data isolation ({@link Scoping}) is applied here too: a change of a record outside the caller's
 * scope answers 404, a create or reassignment to an owner outside it 422, and the scope is put in
 * the Reactor context of the build/next steps so reference checks ({@link References}) can treat
 * records the caller cannot see as unknown.
 *
 * @param <T> the stored row
 */
public final class Lifecycle<T extends Versioned> {

    /** Writes the event of a change into the outbox (inside the transaction). */
    public interface Publisher<T> {
        Mono<Void> publish(T saved, Operation operation, String actor);
    }

    /** The storage of one entity type. */
    public interface Store<T> {
        /** Reads and row-locks the record, in or out of the recycle bin; empty if it never existed. */
        Mono<T> lock(UUID id);

        Mono<Void> insert(T created);

        /** Writes {@code next} over the row at {@code next.version() - 1}; 0 rows if somebody else got there first. */
        Mono<Long> update(T next);
    }

    private final String what;
    private final TransactionalOperator tx;
    private final Store<T> store;
    private final HistoryTable history;
    private final BiFunction<T, T, List<FieldChange>> diff;
    private final Publisher<T> publisher;
    private final Scoping<T> scoping;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param what e.g. {@code account}, used in problem details
     * @param diff the changed fields between a before (null for a creation) and an after state
     */
    public Lifecycle(String what, TransactionalOperator tx, Store<T> store, HistoryTable history,
                     BiFunction<T, T, List<FieldChange>> diff, Publisher<T> publisher) {
        this(what, tx, store, history, diff, publisher, Scoping.none());
    }

    /** @param scoping who sees and who may own the records (see {@link Scoping}) */
    public Lifecycle(String what, TransactionalOperator tx, Store<T> store, HistoryTable history,
                     BiFunction<T, T, List<FieldChange>> diff, Publisher<T> publisher, Scoping<T> scoping) {
        this.scoping = scoping;
        this.what = what;
        this.tx = tx;
        this.store = store;
        this.history = history;
        this.diff = diff;
        this.publisher = publisher;
    }

    /** Microseconds: what Postgres keeps, so the event's snapshot equals a later read of the row. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Stores a new record at version 1; {@code build} may check references (inside the transaction) first. */
    public Mono<T> create(Mono<T> build, Caller caller) {
        return tx.transactional(built(build, caller).flatMap(created -> insert(created, caller.actor())));
    }

    /**
     * As {@link #create(Mono, Caller)}, under an optional Idempotency-Key: the key is taken in the
     * same transaction. If an earlier create with the key has committed, nothing is written and
     * that record is returned as it is now ({@code replayed}); the same key with another request
     * is a 422, and a record since moved to the recycle bin a 409.
     */
    public Mono<Created<T>> create(Mono<T> build, Caller caller, IdempotencyKeys.Claim claim) {
        if (!claim.present()) {
            return create(build, caller).map(created -> new Created<>(created, false));
        }
        String keyScope = what + ":" + caller.actor();
        Mono<Created<T>> earlier = claim.keys().find(keyScope, claim.key()).flatMap(e -> replay(e, claim));
        // A committed earlier create is answered before building: building again would trip over
        // the first record (a code or a name already taken). A concurrent first attempt is caught
        // by take(), which waits for it on the key's primary key.
        Mono<Created<T>> fresh = built(build, caller).flatMap(created -> claim.keys()
                .take(keyScope, claim.key(), claim.requestHash(), created.id())
                .flatMap(taken -> taken ? insert(created, caller.actor()).map(c -> new Created<>(c, false))
                        : claim.keys().find(keyScope, claim.key())
                                .switchIfEmpty(Mono.error(() -> new IllegalStateException("idempotency key vanished")))
                                .flatMap(e -> replay(e, claim))));
        return tx.transactional(earlier.switchIfEmpty(fresh));
    }

    private Mono<Created<T>> replay(IdempotencyKeys.Earlier earlier, IdempotencyKeys.Claim claim) {
        if (!earlier.requestHash().equals(claim.requestHash())) {
            return Mono.error(RefusedException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used for a different request."));
        }
        return store.lock(earlier.responseId())
                .filter(record -> !record.deleted())
                .switchIfEmpty(Mono.error(() -> RefusedException.stateConflict(
                        "The " + what + " created with this Idempotency-Key has since been deleted.")))
                .map(record -> new Created<>(record, true));
    }

    /** The new record from {@code build} (owned by a scoped caller who named no owner), refused if the caller may not own it. */
    private Mono<T> built(Mono<T> build, Caller caller) {
        return scope(caller).flatMap(scope -> build
                .map(created -> scoping.withDefaultOwner(scope, caller.userId(), created))
                .flatMap(created -> scoping.assignable().test(scope, created) ? Mono.just(created)
                        : Mono.error(outOfScope()))
                .contextWrite(ctx -> ctx.put(DataScope.class, scope)));
    }

    private Mono<T> insert(T created, String actor) {
        return store.insert(created)
                .then(history.append(created.id(), created.version(), actor, created.updatedAt(), diff.apply(null, created)))
                .then(publisher.publish(created, Operation.CREATED, actor))
                .thenReturn(created);
    }

    /**
     * Applies a change to a live record, or DELETED / RESTORED to move it into or out of the recycle bin.
     *
     * @param expected the version the client last saw, or null for an unconditional change
     * @param next     the record after the change, at {@code current.version() + 1}
     */
    public Mono<T> change(UUID id, Long expected, Caller caller, Operation operation, Function<T, Mono<T>> next) {
        return change(id, expected, caller, current -> true, operation, next);
    }

    /**
     * As above, for a record the caller may see only when {@code visible} says so: one outside the
     * caller's data scope answers 404 exactly like a missing one, so its existence does not leak.
     */
    public Mono<T> change(UUID id, Long expected, Caller caller, Predicate<T> visible, Operation operation,
                          Function<T, Mono<T>> next) {
        String actor = caller.actor();
        Mono<T> work = scope(caller).flatMap(scope -> store.lock(id)
                .filter(current -> visible.test(current) && scoping.visible().test(scope, current))
                .filter(current -> operation == Operation.RESTORED || !current.deleted())
                .switchIfEmpty(Mono.error(() -> new NotFoundException(what, id)))
                .flatMap(current -> scoping.changeable().test(scope, current) ? Mono.just(current)
                        : Mono.error(RefusedException.forbidden("Your data scope lets you read this " + what + ", not change it.")))
                .flatMap(current -> operation == Operation.RESTORED && !current.deleted()
                        ? Mono.error(new ConflictException(what + " " + id + " is not in the recycle bin", current.version()))
                        : Versions.check(what, id, current, current.version(), expected))
                .flatMap(current -> next.apply(current)
                        .contextWrite(ctx -> ctx.put(DataScope.class, scope))
                        .flatMap(n -> !scoping.reassigns(current, n) || scoping.assignable().test(scope, n) ? Mono.just(n)
                                : Mono.error(outOfScope()))
                        .flatMap(n -> store.update(n).flatMap(rows -> Versions.written(rows, n, what, id, current.version())))
                        .flatMap(saved -> history.append(id, saved.version(), actor, saved.updatedAt(), diff.apply(current, saved))
                                .then(publisher.publish(saved, operation, actor))
                                .thenReturn(saved))));
        return tx.transactional(work);
    }

    /**
     * The record if the caller's data scope sees it, else empty: a record outside the scope reads
     * exactly like a missing one (404), so its existence does not leak.
     */
    public Mono<T> readable(Caller caller, Mono<T> record) {
        return scope(caller).flatMap(scope -> record.filter(r -> scoping.visible().test(scope, r)));
    }

    /** The caller's data scope (everything when the entity is not scoped). */
    public Mono<DataScope> scope(Caller caller) {
        return scoping.scopes() == null ? Mono.just(DataScope.everything()) : scoping.scopes().of(caller);
    }

    private OutOfScopeException outOfScope() {
        return new OutOfScopeException(scoping.ownerField(), "must be you or, for a manager, a member of a team you manage");
    }
}
