package com.pulse.api.contact;

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
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.ConflictException;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.ContactChanged;
import com.pulse.events.ContactSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, bins and restores contacts; each change is one transaction of row,
 * history and outbox event on {@code crm.contacts.v1} (see {@link Lifecycle}).
 */
@Service
public class ContactService {

    static final String AGGREGATE_TYPE = "contact";

    private final IdempotencyKeys keys;
    private final ContactRepository repository;
    private final References references;
    private final CompanyProperties company;
    private final Lifecycle<Contact> lifecycle;

    ContactService(ContactRepository repository, References references, CompanyProperties company, OutboxWriter outbox,
                   TransactionalOperator tx, DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.references = references;
        this.company = company;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), ContactRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.CONTACTS, AGGREGATE_TYPE, new ContactChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                Scoping.byOwner(scopes, "ownerId", Contact::ownerId, Contact::ownedBy));
    }

    public Mono<Contact> create(CreateContact request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Contact>> create(CreateContact request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = ContactRules.validate(request, company.today());
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Contact> build = Mono.defer(() -> {
            Contact created = ContactRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, caller, keys.claim(key, request));
    }

    Mono<Contact> update(UUID id, UpdateContact request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = ContactRules.validate(request, company.today());
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Contact next = ContactRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Contact> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    /** A contact comes back only to a live account: restore the account first. */
    Mono<Contact> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED, current -> references.liveAccount(current.accountId())
                .flatMap(live -> live ? Mono.just(current.binned(null, lifecycle.now()))
                        : Mono.error(new ConflictException("account " + current.accountId()
                                + " of contact " + id + " is in the recycle bin; restore it first", current.version()))));
    }

    Mono<Contact> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a contact, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<ContactSnapshot>> list(ContactFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Contact::snapshot,
                c -> PageCursor.after(request, c.id(), c.name(), c.createdAt()))));
    }

    /** The account must be live when it is set; the owner must be a user. */
    private Mono<Void> checkReferences(Contact before, Contact after) {
        boolean accountChanged = before == null || !after.accountId().equals(before.accountId());
        boolean ownerChanged = after.ownerId() != null && (before == null || !after.ownerId().equals(before.ownerId()));
        Mono<Boolean> accountOk = !accountChanged ? Mono.just(true) : references.liveAccount(after.accountId());
        Mono<Boolean> ownerOk = !ownerChanged ? Mono.just(true) : references.allUsers(List.of(after.ownerId()));
        return InOrder.zip(accountOk, ownerOk).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("accountId", "unknown account, or in the recycle bin"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("ownerId", "unknown user"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
