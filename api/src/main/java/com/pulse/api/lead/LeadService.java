package com.pulse.api.lead;

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
import com.pulse.api.opportunity.CreateOpportunity;
import com.pulse.api.opportunity.OpportunityService;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.api.security.DataScopes;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.api.system.RefusedException;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, bins, restores and converts leads; each is one transaction of row,
 * history and outbox event on {@code crm.leads.v1} (see {@link Lifecycle}). A conversion
 * writes the account, contact and opportunity it creates in that same transaction.
 */
@Service
class LeadService {

    static final String AGGREGATE_TYPE = "lead";

    private final IdempotencyKeys keys;
    private final LeadRepository repository;
    private final References references;
    private final ConversionWrites conversion;
    private final OpportunityService opportunities;
    private final Lifecycle<Lead> lifecycle;

    LeadService(LeadRepository repository, References references, ConversionWrites conversion,
                OpportunityService opportunities, OutboxWriter outbox, TransactionalOperator tx, DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.references = references;
        this.conversion = conversion;
        this.opportunities = opportunities;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), LeadRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.LEADS, AGGREGATE_TYPE, new LeadChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                Scoping.byOwner(scopes, "ownerId", Lead::ownerId, Lead::ownedBy));
    }

    Mono<Lead> create(CreateLead request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Lead>> create(CreateLead request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = LeadRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Lead> build = Mono.defer(() -> {
            Lead created = LeadRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, caller, keys.claim(key, request));
    }

    Mono<Lead> update(UUID id, UpdateLead request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = LeadRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            if (current.converted()) {
                return Mono.error(readOnly(id));
            }
            List<FieldProblem> moves = new ArrayList<>();
            Lead next = LeadRules.update(current, request, lifecycle.now(), moves);
            return moves.isEmpty() ? checkReferences(current, next).thenReturn(next) : Mono.error(new InvalidRequestException(moves));
        });
    }

    /** A converted lead stays as it is: it is the record of where the account, contact and deal came from. */
    Mono<Lead> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            if (current.converted()) {
                return Mono.error(readOnly(id));
            }
            Instant now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Lead> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    /**
     * Creates (or takes) the account, creates the contact and, if asked, the opportunity, then marks the lead
     * CONVERTED with their ids: all inside the lead's change, so one transaction holds every row, history row and
     * event, and the lead's row lock makes a second conversion wait and then find it CONVERTED (409).
     */
    Mono<Lead> convert(UUID id, ConvertLead request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = LeadRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            if (current.converted()) {
                return Mono.error(RefusedException.stateConflict("lead " + id + " is already converted"));
            }
            if (!LeadRules.CONVERTIBLE.contains(current.status())) {
                return Mono.error(RefusedException.stateConflict("lead " + id + " is " + current.status()
                        + "; only NEW, WORKING or QUALIFIED leads can be converted"));
            }
            Instant now = lifecycle.now();
            return account(current, request, caller, now).flatMap(accountId -> conversion.contact(current, accountId, caller, now)
                    .flatMap(contact -> opportunity(current, request, accountId, caller)
                            .map(opportunity -> current.convertedTo(accountId, contact.id(), opportunity.orElse(null), now))));
        });
    }

    private Mono<UUID> account(Lead lead, ConvertLead request, Caller caller, Instant now) {
        if (request.existingAccountId() != null) {
            return references.liveAccount(request.existingAccountId()).flatMap(live -> live ? Mono.just(request.existingAccountId())
                    : Mono.error(new InvalidRequestException("existingAccountId", "unknown account, or in the recycle bin")));
        }
        String name = request.accountName() != null ? request.accountName().strip() : lead.company();
        if (name == null) {
            return Mono.error(new InvalidRequestException("accountName",
                    "is required when the lead has no company and no existingAccountId is given"));
        }
        return conversion.account(name, lead.ownerId(), caller, now).map(a -> a.id());
    }

    private Mono<Optional<UUID>> opportunity(Lead lead, ConvertLead request, UUID accountId, Caller caller) {
        ConvertLead.NewOpportunity o = request.opportunity();
        if (o == null) {
            return Mono.just(Optional.empty());
        }
        CreateOpportunity create = new CreateOpportunity(o.name(), o.amount(), o.currency(), o.stage(), null,
                o.expectedCloseDate(), accountId, lead.ownerId());
        return opportunities.create(create, caller)
                .onErrorMap(InvalidRequestException.class, e -> new InvalidRequestException(e.errors().stream()
                        .map(p -> new FieldProblem("opportunity." + p.field(), p.reason())).toList()))
                .map(created -> Optional.of(created.id()));
    }

    Mono<Lead> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a lead, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<LeadSnapshot>> list(LeadFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Lead::snapshot,
                l -> PageCursor.after(request, l.id(), l.contactName(), l.createdAt()))));
    }

    private static RefusedException readOnly(UUID id) {
        return RefusedException.stateConflict("lead " + id + " is converted and can no longer be changed");
    }

    /** The campaign must be live when it is set; the owner must be a user. */
    private Mono<Void> checkReferences(Lead before, Lead after) {
        boolean campaignChanged = after.campaignId() != null && (before == null || !after.campaignId().equals(before.campaignId()));
        boolean ownerChanged = after.ownerId() != null && (before == null || !after.ownerId().equals(before.ownerId()));
        Mono<Boolean> campaignOk = !campaignChanged ? Mono.just(true) : repository.liveCampaign(after.campaignId());
        Mono<Boolean> ownerOk = !ownerChanged ? Mono.just(true) : references.allUsers(List.of(after.ownerId()));
        return InOrder.zip(campaignOk, ownerOk).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("campaignId", "unknown campaign, or in the recycle bin"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("ownerId", "unknown user"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
