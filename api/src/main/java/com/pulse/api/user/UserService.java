package com.pulse.api.user;

import com.pulse.api.crud.Created;
import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.IdempotencyKeys;
import com.pulse.api.crud.HistoryEntry;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Creates, changes, bins and restores users and sets their passwords; each change is one
 * transaction of row, history and event on crm.users.v1. Binning a user also deactivates
 * sign-in (the sign-in query reads live users only).
 */
@Service
public class UserService {

    static final String AGGREGATE_TYPE = "user";

    private final IdempotencyKeys keys;
    private final UserRepository repository;
    private final PasswordEncoder passwords;
    private final String defaultZone;
    private final Lifecycle<User> lifecycle;

    UserService(UserRepository repository, PasswordEncoder passwords, CompanyProperties company, OutboxWriter outbox,
                TransactionalOperator tx, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.passwords = passwords;
        this.defaultZone = company.timeZone().getId();
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), UserRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.USERS, AGGREGATE_TYPE, new UserChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())));
    }

    public Mono<User> create(CreateUser request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<User>> create(CreateUser request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = UserRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        // Hash before the transaction: BCrypt takes a while and must not hold a connection or the event loop.
        return hash(request.password()).flatMap(hash -> lifecycle.create(Mono.defer(() -> {
            User created = UserRules.create(UUID.randomUUID(), request, defaultZone, hash, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        }), caller, keys.claim(key, withoutPassword(request))));
    }

    Mono<User> update(UUID id, UpdateUser request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = UserRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            User next = UserRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<User> setPassword(UUID id, SetPassword request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = UserRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return hash(request.password()).flatMap(hash -> lifecycle.change(id, expectedVersion, caller, Operation.UPDATED,
                current -> Mono.just(current.withPassword(hash, lifecycle.now()))));
    }

    Mono<User> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<User> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<User> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Flux<HistoryEntry> history(UUID id) {
        return repository.exists(id)
                .flatMapMany(exists -> exists ? repository.history().read(id)
                        : Flux.error(new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Mono<Page<UserSnapshot>> list(UserFilter filter, ListRequest request) {
        return repository.page(filter, request).collectList().map(rows -> Page.of(rows, request, User::snapshot,
                u -> PageCursor.after(request, u.id(), u.name(), u.createdAt())));
    }

    /** The request as its Idempotency-Key remembers it: the stored hash must not be a fast second hash of the password. */
    private static CreateUser withoutPassword(CreateUser r) {
        return new CreateUser(r.username(), r.name(), r.email(), r.mobile(), r.locale(), r.timeZone(), r.roles(), r.teamId(),
                r.active(), null);
    }

    private Mono<String> hash(String password) {
        return Mono.fromCallable(() -> passwords.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The team must be live; username and email unused by anyone else (the unique indexes catch a race as 409). */
    private Mono<Void> checkReferences(User before, User after) {
        boolean teamChanged = after.teamId() != null && (before == null || !after.teamId().equals(before.teamId()));
        boolean usernameChanged = before == null || !Objects.equals(before.username(), after.username());
        boolean emailChanged = before == null || !before.email().equals(after.email());
        Mono<Boolean> teamOk = teamChanged ? repository.liveTeam(after.teamId()) : Mono.just(true);
        Mono<Boolean> usernameFree = usernameChanged && after.username() != null
                ? repository.usernameTaken(after.username(), after.id()).map(taken -> !taken) : Mono.just(true);
        Mono<Boolean> emailFree = emailChanged ? repository.emailTaken(after.email(), after.id()).map(taken -> !taken)
                : Mono.just(true);
        return InOrder.zip(teamOk, usernameFree, emailFree).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("teamId", "unknown team"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("username", "is taken"));
            }
            if (!ok.getT3()) {
                errors.add(new FieldProblem("email", "is taken"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
