package com.pulse.api.campaign;

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
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.CampaignChanged;
import com.pulse.events.CampaignSnapshot;
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
 * Creates, changes, bins and restores campaigns; each change is one transaction of row,
 * history and outbox event on {@code crm.campaigns.v1} (see {@link Lifecycle}).
 */
@Service
class CampaignService {

    static final String AGGREGATE_TYPE = "campaign";

    private final IdempotencyKeys keys;
    private final CampaignRepository repository;
    private final Lifecycle<Campaign> lifecycle;

    CampaignService(CampaignRepository repository, OutboxWriter outbox, TransactionalOperator tx, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), CampaignRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.CAMPAIGNS, AGGREGATE_TYPE, new CampaignChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())));
    }

    Mono<Campaign> create(CreateCampaign request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Campaign>> create(CreateCampaign request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = CampaignRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.create(Mono.fromSupplier(() -> CampaignRules.create(UUID.randomUUID(), request, lifecycle.now())), caller, keys.claim(key, request));
    }

    Mono<Campaign> update(UUID id, UpdateCampaign request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = CampaignRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Campaign next = CampaignRules.update(current, request, lifecycle.now());
            // One end of the period may move past the stored other end.
            List<FieldProblem> period = new ArrayList<>();
            CampaignRules.period(next.startDate(), next.endDate(), period);
            return period.isEmpty() ? Mono.just(next) : Mono.error(new InvalidRequestException(period));
        });
    }

    Mono<Campaign> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Campaign> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    Mono<Campaign> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a campaign, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id) {
        return repository.exists(id)
                .flatMapMany(exists -> exists ? repository.history().read(id)
                        : Flux.error(new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Mono<Page<CampaignSnapshot>> list(CampaignFilter filter, ListRequest request) {
        return repository.page(filter, request).collectList().map(rows -> Page.of(rows, request, Campaign::snapshot,
                c -> PageCursor.after(request, c.id(), c.name(), c.createdAt())));
    }
}
