package com.pulse.api.account;

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
import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
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
 * Creates, changes, bins and restores accounts; each change is one transaction of row,
 * history and outbox event on {@code crm.accounts.v1} (see {@link Lifecycle}).
 */
@Service
public class AccountService {

    static final String AGGREGATE_TYPE = "account";

    private final IdempotencyKeys keys;
    private final AccountRepository repository;
    private final References references;
    private final Lifecycle<Account> lifecycle;

    AccountService(AccountRepository repository, References references, OutboxWriter outbox, TransactionalOperator tx, DataScopes scopes, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.references = references;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), AccountRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.ACCOUNTS, AGGREGATE_TYPE, new AccountChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())),
                new Scoping<Account>(scopes, (scope, a) -> scope.ownsOrShared(a.ownerId(), a.sharedWith()),
                        (scope, a) -> scope.owns(a.ownerId()), "ownerId", Account::ownerId, Account::ownedBy));
    }

    public Mono<Account> create(CreateAccount request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Account>> create(CreateAccount request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = AccountRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Mono<Account> build = Mono.defer(() -> {
            Account created = AccountRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        });
        return lifecycle.create(build, caller, keys.claim(key, request));
    }

    Mono<Account> update(UUID id, UpdateAccount request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = AccountRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Account next = AccountRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Account> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Account> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Account> get(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.find(id)).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of an account, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id, Caller caller) {
        return lifecycle.readable(caller, repository.findAny(id))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)))
                .flatMapMany(found -> repository.history().read(id));
    }

    Mono<Page<AccountSnapshot>> list(AccountFilter filter, ListRequest request, Caller caller) {
        return lifecycle.scope(caller).flatMap(scope -> repository.page(filter, request, scope).collectList().map(rows -> Page.of(rows, request, Account::snapshot,
                a -> PageCursor.after(request, a.id(), a.name(), a.createdAt()))));
    }

    /** Referenced records must exist (and the parent be live, and not the account itself or below it). */
    private Mono<Void> checkReferences(Account before, Account after) {
        UUID parent = after.parentAccountId();
        boolean parentChanged = parent != null && (before == null || !parent.equals(before.parentAccountId()));
        boolean ownerChanged = after.ownerId() != null && (before == null || !after.ownerId().equals(before.ownerId()));
        boolean sharingChanged = before == null || !after.sharedWith().equals(before.sharedWith());
        Mono<Boolean> parentOk = !parentChanged ? Mono.just(true) : references.liveAccount(parent);
        Mono<Boolean> acyclic = !parentChanged || before == null ? Mono.just(true)
                : repository.lockHierarchy().then(repository.isAncestorOrSelf(after.id(), parent)).map(cycle -> !cycle);
        Mono<Boolean> ownerOk = !ownerChanged ? Mono.just(true)
                : references.allUsers(List.of(after.ownerId()));
        Mono<Boolean> sharedOk = !sharingChanged ? Mono.just(true)
                : references.allUsers(after.sharedWith());
        return InOrder.zip(parentOk, acyclic, ownerOk, sharedOk).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("parentAccountId", "unknown account"));
            } else if (!ok.getT2()) {
                errors.add(new FieldProblem("parentAccountId", "would make the account its own ancestor"));
            }
            if (!ok.getT3()) {
                errors.add(new FieldProblem("ownerId", "unknown user"));
            }
            if (!ok.getT4()) {
                errors.add(new FieldProblem("sharedWith", "names an unknown user"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
