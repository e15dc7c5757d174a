package com.pulse.api.opportunity;

import com.pulse.api.crud.ChangeClock;
import com.pulse.api.crud.References;
import com.pulse.api.crud.IdempotencyKeys;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.currency.CurrencyRates;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.product.Product;
import com.pulse.api.product.ProductService;
import com.pulse.api.security.Caller;
import com.pulse.api.security.DataScope;
import com.pulse.api.security.DataScopes;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.ConflictException;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.api.system.OutOfScopeException;
import com.pulse.api.system.RefusedException;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates and changes opportunities. Each change is ONE transaction writing the row
 * (version + 1), a history row per changed field and the outbox event carrying the full
 * snapshot, so either all three exist or none does.
 */
@Service
public class OpportunityService {

    static final String AGGREGATE_TYPE = "opportunity";

    private final OpportunityRepository repository;
    private final CurrencyRates rates;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final CompanyProperties company;
    private final ProductService products;
    private final DataScopes scopes;
    private final References references;
    private final IdempotencyKeys keys;

    OpportunityService(OpportunityRepository repository, CurrencyRates rates, OutboxWriter outbox,
                       TransactionalOperator tx, CompanyProperties company, ProductService products, DataScopes scopes,
                       References references, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.products = products;
        this.scopes = scopes;
        this.references = references;
        this.rates = rates;
        this.outbox = outbox;
        this.tx = tx;
        this.company = company;
    }

    public Mono<Opportunity> create(CreateOpportunity request, Caller caller) {
        List<FieldProblem> errors = OpportunityRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return tx.transactional(inScope(caller, request, owned -> insertNew(UUID.randomUUID(), owned, caller.actor())));
    }

    /**
     * Runs {@code write} with the new opportunity if its owner is inside the caller's data scope
     * (else 422 on ownerId), with the scope in the Reactor context so an invisible account reads as
     * unknown. A rep or manager who names no owner becomes the owner.
     */
    private <T> Mono<T> inScope(Caller caller, CreateOpportunity request, Function<CreateOpportunity, Mono<T>> write) {
        return scopes.of(caller).flatMap(scope -> {
            CreateOpportunity owned = scope.all() || request.ownerId() != null || caller.userId() == null
                    ? request : request.ownedBy(caller.userId());
            return scope.owns(owned.ownerId())
                    ? write.apply(owned).contextWrite(ctx -> ctx.put(DataScope.class, scope))
                    : Mono.error(new OutOfScopeException("ownerId", "must be you or, for a manager, a member of a team you manage"));
        });
    }

    private Mono<Opportunity> insertNew(UUID id, CreateOpportunity request, String actor) {
        String currency = request.currency() != null ? request.currency() : company.baseCurrency();
        return Mono.deferContextual(context -> {
            Instant now = ChangeClock.now(context);
            return references(request)
                    .then(toBase(request.amount(), currency))
                    .map(base -> OpportunityRules.create(id, request, currency, base, now))
                    .flatMap(created -> repository.insert(created)
                            .then(repository.appendHistory(created.id(), 1, actor, now, OpportunityRules.changes(null, created)))
                            .then(publish(created, Operation.CREATED, actor, now))
                            .thenReturn(created));
        });
    }

    /**
     * @param expectedVersion the version the client last saw, or null for an unconditional change
     */
    public Mono<Opportunity> update(UUID id, UpdateOpportunity request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = OpportunityRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return update(id, request, null, expectedVersion, caller);
    }

    private Mono<Opportunity> update(UUID id, UpdateOpportunity request, String lostReason, Long expectedVersion, Caller caller) {
        String actor = caller.actor();
        Mono<Opportunity> work = scopes.of(caller).flatMap(scope -> Mono.deferContextual(context -> repository.lock(id)
                .filter(o -> scope.owns(o.ownerId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)))
                .flatMap(current -> {
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(stale(id, current, expectedVersion));
                    }
                    List<FieldProblem> category = OpportunityRules.checkCategory(current, request);
                    if (!category.isEmpty()) {
                        return Mono.error(new InvalidRequestException(category));
                    }
                    Instant now = ChangeClock.now(context);
                    String currency = request.currency() != null ? request.currency() : current.currency();
                    BigDecimal amount = request.amount() != null ? OpportunityRules.money(request.amount()) : current.amount();
                    return toBase(amount, currency)
                            .map(base -> OpportunityRules.update(current, request, lostReason, currency, amount, base, now))
                            .flatMap(next -> save(current, next, Operation.UPDATED, actor, now));
                })));
        return tx.transactional(work);
    }

    /**
     * Replaces the product lines in one transaction (row version + 1, history, event). With
     * {@code updateAmount} (default) and at least one line, the amount becomes the lines' sum and
     * amountBase is converted again; with no lines the amount stays as it is.
     */
    Mono<Opportunity> replaceLines(UUID id, LinesRequest request, Long expectedVersion, Caller caller) {
        String actor = caller.actor();
        List<FieldProblem> errors = ProductLines.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Map<UUID, Product>> named = Flux.fromIterable(request.lines()).map(LinesRequest.Line::productId).distinct()
                .concatMap(products::find)
                .collectMap(Product::id, Function.identity());
        Mono<Opportunity> work = scopes.of(caller).flatMap(scope -> Mono.deferContextual(context -> repository.lock(id)
                .filter(o -> scope.owns(o.ownerId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)))
                .flatMap(current -> {
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(stale(id, current, expectedVersion));
                    }
                    return named.flatMap(found -> {
                        ProductLines.Built built = ProductLines.build(request.lines(), found, current.currency(), current.lines());
                        if (!built.problems().isEmpty()) {
                            return Mono.error(new InvalidRequestException(built.problems()));
                        }
                        Instant now = ChangeClock.now(context);
                        boolean follow = request.amountFollowsLines() && !built.lines().isEmpty();
                        BigDecimal amount = follow ? built.total() : current.amount();
                        Mono<BigDecimal> base = follow ? toBase(amount, current.currency()) : Mono.just(current.amountBase());
                        return base.flatMap(b -> save(current, current.withLines(built.lines(), amount, b, now),
                                Operation.UPDATED, actor, now));
                    });
                })));
        return tx.transactional(work);
    }

    /** A create's outcome: {@code replayed} when an Idempotency-Key matched an earlier create, which is returned. */
    record Created(Opportunity opportunity, boolean replayed) {
    }

    /**
     * Create with an optional Idempotency-Key. The key is claimed first, in the create's own
     * transaction: a concurrent retry blocks on it until this commits, then returns this result;
     * if this rolls back, the key is free again. The same key with another body is refused (422).
     */
    Mono<Created> create(CreateOpportunity request, Caller caller, String idempotencyKey) {
        String actor = caller.actor();
        if (idempotencyKey == null) {
            return create(request, caller).map(o -> new Created(o, false));
        }
        List<FieldProblem> errors = OpportunityRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        String hash = requestHash(request);
        UUID id = UUID.randomUUID();
        // Per entity and caller, as for every other create: one user's key never replays another's.
        String keyScope = AGGREGATE_TYPE + ":" + actor;
        Mono<Created> work = inScope(caller, request, owned -> keys.take(keyScope, idempotencyKey, hash, id).flatMap(claimed -> claimed
                ? insertNew(id, owned, actor).map(o -> new Created(o, false))
                : keys.find(keyScope, idempotencyKey)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("idempotency key vanished")))
                        .flatMap(earlier -> {
                            if (!earlier.requestHash().equals(hash)) {
                                return Mono.error(RefusedException.unprocessable("idempotency-key-reused",
                                        "This Idempotency-Key was already used for a different request."));
                            }
                            return repository.find(earlier.responseId())
                                    .switchIfEmpty(Mono.error(() -> RefusedException.stateConflict(
                                            "The opportunity created with this Idempotency-Key has since been deleted.")))
                                    .map(o -> new Created(o, true));
                        })));
        return tx.transactional(work);
    }

    /** The shared request hash: canonical JSON, so e.g. 100 and 100.00 are the same amount. */
    static String requestHash(CreateOpportunity r) {
        return IdempotencyKeys.hash(r);
    }

    /** The stage move of issue 3: a PATCH of stage and probability, plus the lost reason. */
    Mono<Opportunity> moveStage(UUID id, StageMove move, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = OpportunityRules.validate(move);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return update(id, move.asUpdate(), move.lostReason(), expectedVersion, caller);
    }

    /** Moves a live opportunity into the recycle bin (DELETED event; the row stays, with deleted_at set). */
    Mono<Opportunity> delete(UUID id, Long expectedVersion, Caller caller) {
        return moveBin(id, expectedVersion, caller, true);
    }

    /** Brings an opportunity back from the recycle bin (RESTORED event). */
    Mono<Opportunity> restore(UUID id, Long expectedVersion, Caller caller) {
        return moveBin(id, expectedVersion, caller, false);
    }

    private Mono<Opportunity> moveBin(UUID id, Long expectedVersion, Caller caller, boolean delete) {
        String actor = caller.actor();
        Mono<Opportunity> work = scopes.of(caller).flatMap(scope -> Mono.deferContextual(context -> repository.lockAny(id)
                .filter(o -> scope.owns(o.ownerId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)))
                .flatMap(current -> {
                    boolean inBin = current.deletedAt() != null;
                    if (delete && inBin) {
                        return Mono.error(RefusedException.stateConflict("opportunity " + id
                                + " is already in the recycle bin; restore it with POST /api/v1/opportunities/" + id + "/restore"));
                    }
                    if (!delete && !inBin) {
                        return Mono.error(RefusedException.stateConflict("opportunity " + id + " is not in the recycle bin"));
                    }
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(stale(id, current, expectedVersion));
                    }
                    Instant now = ChangeClock.now(context);
                    Opportunity next = current.binned(delete ? now : null, now);
                    return save(current, next, delete ? Operation.DELETED : Operation.RESTORED, actor, now);
                })));
        return tx.transactional(work);
    }

    /** The change history, oldest first; also for an opportunity in the recycle bin. */
    Mono<List<HistoryEntry>> history(UUID id, Caller caller) {
        return scopes.of(caller).flatMap(scope -> repository.findAny(id).filter(o -> scope.owns(o.ownerId())))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)))
                .flatMap(o -> repository.history(id).collectList());
    }

    private static ConflictException stale(UUID id, Opportunity current, long expectedVersion) {
        return new ConflictException("opportunity " + id + " is at version " + current.version()
                + ", not " + expectedVersion, current.version());
    }

    /** Writes {@code next} over {@code current} with its history rows and outbox event. */
    private Mono<Opportunity> save(Opportunity current, Opportunity next, Operation operation, String actor, Instant now) {
        return repository.update(next)
                .flatMap(rows -> rows == 1 ? Mono.just(next)
                        : Mono.error(new ConflictException("opportunity " + next.id() + " changed concurrently", current.version())))
                .flatMap(saved -> repository.appendHistory(saved.id(), saved.version(), actor, now,
                                OpportunityRules.changes(current, saved))
                        .then(publish(saved, operation, actor, now))
                        .thenReturn(saved));
    }

    /** An opportunity outside the caller's data scope reads exactly like a missing one. */
    Mono<Opportunity> get(UUID id, Caller caller) {
        return scopes.of(caller).flatMap(scope -> repository.find(id).filter(o -> scope.owns(o.ownerId()))).switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)));
    }

    /** The live deals, or the recycle bin ({@code filter.deleted()}), that the caller's data scope sees. */
    Mono<Page<OpportunityResource>> list(OpportunityFilter filter, ListRequest request, Caller caller) {
        return scopes.of(caller).flatMap(scope -> repository.page(filter, request, scope).collectList())
                .map(rows -> Page.of(rows, request, OpportunityResource::of,
                        o -> PageCursor.after(request, o.id(), o.name(), o.createdAt())));
    }

    private Mono<Void> references(CreateOpportunity request) {
        Mono<List<FieldProblem>> problems = InOrder.zip(
                request.accountId() == null ? Mono.just(true) : references.liveAccount(request.accountId()),
                request.ownerId() == null ? Mono.just(true) : repository.userExists(request.ownerId()))
                .map(ok -> {
                    List<FieldProblem> errors = new ArrayList<>();
                    if (!ok.getT1()) {
                        errors.add(new FieldProblem("accountId", "unknown account"));
                    }
                    if (!ok.getT2()) {
                        errors.add(new FieldProblem("ownerId", "unknown user"));
                    }
                    return errors;
                });
        return problems.flatMap(errors -> errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors)));
    }

    private Mono<BigDecimal> toBase(BigDecimal amount, String currency) {
        if (currency.equals(company.baseCurrency())) {
            // The base currency converts at 1 by definition: no rate to read, one statement less per
            // write for most deals (measured in api/DESIGN.md, Benchmark).
            return Mono.just(amount.setScale(2, java.math.RoundingMode.HALF_UP));
        }
        return rates.toBase(amount, currency, company.today())
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("currency", "unknown currency " + currency)));
    }

    private Mono<Void> publish(Opportunity o, Operation operation, String actor, Instant now) {
        OpportunityChanged event = new OpportunityChanged(UUID.randomUUID(), o.id(), o.version(), operation, actor, now, o.snapshot());
        return outbox.append(Topics.OPPORTUNITIES, AGGREGATE_TYPE, event);
    }
}
