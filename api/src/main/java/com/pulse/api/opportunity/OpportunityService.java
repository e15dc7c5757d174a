package com.pulse.api.opportunity;

import com.pulse.api.currency.CurrencyRates;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.ConflictException;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
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
    private final Clock clock = Clock.systemUTC();

    OpportunityService(OpportunityRepository repository, CurrencyRates rates, OutboxWriter outbox,
                       TransactionalOperator tx, CompanyProperties company) {
        this.repository = repository;
        this.rates = rates;
        this.outbox = outbox;
        this.tx = tx;
        this.company = company;
    }

    public Mono<Opportunity> create(CreateOpportunity request, String actor) {
        List<FieldProblem> errors = OpportunityRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        String currency = request.currency() != null ? request.currency() : company.baseCurrency();
        Mono<Opportunity> work = Mono.defer(() -> {
            Instant now = now();
            return references(request)
                    .then(toBase(request.amount(), currency))
                    .map(base -> OpportunityRules.create(UUID.randomUUID(), request, currency, base, now))
                    .flatMap(created -> repository.insert(created)
                            .then(repository.appendHistory(created.id(), 1, actor, now, OpportunityRules.changes(null, created)))
                            .then(publish(created, Operation.CREATED, actor, now))
                            .thenReturn(created));
        });
        return tx.transactional(work);
    }

    /**
     * @param expectedVersion the version the client last saw, or null for an unconditional change
     */
    public Mono<Opportunity> update(UUID id, UpdateOpportunity request, Long expectedVersion, String actor) {
        List<FieldProblem> errors = OpportunityRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Opportunity> work = repository.lock(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)))
                .flatMap(current -> {
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(new ConflictException("opportunity " + id + " is at version " + current.version()
                                + ", not " + expectedVersion, current.version()));
                    }
                    Instant now = now();
                    String currency = request.currency() != null ? request.currency() : current.currency();
                    BigDecimal amount = request.amount() != null ? OpportunityRules.money(request.amount()) : current.amount();
                    return toBase(amount, currency)
                            .map(base -> OpportunityRules.update(current, request, currency, amount, base, now))
                            .flatMap(next -> repository.update(next)
                                    .flatMap(rows -> rows == 1 ? Mono.just(next)
                                            : Mono.error(new ConflictException("opportunity " + id + " changed concurrently", current.version())))
                                    .flatMap(saved -> repository.appendHistory(id, saved.version(), actor, now,
                                                    OpportunityRules.changes(current, saved))
                                            .then(publish(saved, Operation.UPDATED, actor, now))
                                            .thenReturn(saved)));
                });
        return tx.transactional(work);
    }

    Mono<Opportunity> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("opportunity", id)));
    }

    Mono<OpportunityPage> list(String stage, Cursor cursor, int limit) {
        // One extra row tells whether another page exists without a COUNT.
        return repository.page(stage, cursor, limit + 1).collectList().map(rows -> {
            boolean more = rows.size() > limit;
            List<Opportunity> page = more ? rows.subList(0, limit) : rows;
            String next = more ? Cursor.after(page.get(page.size() - 1)).encode() : null;
            return new OpportunityPage(page.stream().map(OpportunityResource::of).toList(), next);
        });
    }

    private Mono<Void> references(CreateOpportunity request) {
        Mono<List<FieldProblem>> problems = Mono.zip(
                request.accountId() == null ? Mono.just(true) : repository.accountExists(request.accountId()),
                request.ownerId() == null ? Mono.just(true) : repository.userExists(request.ownerId()),
                (account, owner) -> {
                    List<FieldProblem> errors = new ArrayList<>();
                    if (!account) {
                        errors.add(new FieldProblem("accountId", "unknown account"));
                    }
                    if (!owner) {
                        errors.add(new FieldProblem("ownerId", "unknown user"));
                    }
                    return errors;
                });
        return problems.flatMap(errors -> errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors)));
    }

    private Mono<BigDecimal> toBase(BigDecimal amount, String currency) {
        return rates.toBase(amount, currency, company.today())
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("currency", "unknown currency " + currency)));
    }

    private Mono<Void> publish(Opportunity o, Operation operation, String actor, Instant now) {
        OpportunityChanged event = new OpportunityChanged(UUID.randomUUID(), o.id(), o.version(), operation, actor, now, o.snapshot());
        return outbox.append(Topics.OPPORTUNITIES, AGGREGATE_TYPE, event);
    }

    /** Microseconds: what Postgres keeps, so the event's snapshot equals a later read of the row. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
