package com.pulse.api.team;

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
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.Operation;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates, changes, bins and restores teams; each change is one transaction of row, history and event on crm.teams.v1. */
@Service
public class TeamService {

    static final String AGGREGATE_TYPE = "team";

    private final IdempotencyKeys keys;
    private final TeamRepository repository;
    private final Lifecycle<Team> lifecycle;

    TeamService(TeamRepository repository, OutboxWriter outbox, TransactionalOperator tx, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), TeamRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.TEAMS, AGGREGATE_TYPE, new TeamChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())));
    }

    public Mono<Team> create(CreateTeam request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Team>> create(CreateTeam request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = TeamRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.create(Mono.defer(() -> {
            Team created = TeamRules.create(UUID.randomUUID(), request, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        }), caller, keys.claim(key, request));
    }

    public Mono<Team> update(UUID id, UpdateTeam request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = TeamRules.validate(id, request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Team next = TeamRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Team> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Team> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Team> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Flux<HistoryEntry> history(UUID id) {
        return repository.exists(id)
                .flatMapMany(exists -> exists ? repository.history().read(id)
                        : Flux.error(new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Mono<Page<TeamSnapshot>> list(TeamFilter filter, ListRequest request) {
        return repository.page(filter, request).collectList().map(rows -> Page.of(rows, request, Team::snapshot,
                t -> PageCursor.after(request, t.id(), t.name(), t.createdAt())));
    }

    /** The parent must be a live team and not the team itself or below it; the manager a live user. */
    private Mono<Void> checkReferences(Team before, Team after) {
        UUID parent = after.parentId();
        boolean parentChanged = parent != null && (before == null || !parent.equals(before.parentId()));
        boolean managerChanged = after.managerId() != null && (before == null || !after.managerId().equals(before.managerId()));
        Mono<Boolean> parentOk = parentChanged ? repository.live(parent) : Mono.just(true);
        Mono<Boolean> acyclic = !parentChanged || before == null ? Mono.just(true)
                : repository.lockTree().then(repository.isAncestorOrSelf(after.id(), parent)).map(cycle -> !cycle);
        Mono<Boolean> managerOk = managerChanged ? repository.userExists(after.managerId()) : Mono.just(true);
        return InOrder.zip(parentOk, acyclic, managerOk).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("parentId", "unknown team"));
            } else if (!ok.getT2()) {
                errors.add(new FieldProblem("parentId", "would make the team its own ancestor"));
            }
            if (!ok.getT3()) {
                errors.add(new FieldProblem("managerId", "unknown user"));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
