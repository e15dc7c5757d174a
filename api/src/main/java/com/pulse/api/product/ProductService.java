package com.pulse.api.product;

import com.pulse.api.crud.Created;
import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.IdempotencyKeys;
import com.pulse.api.crud.HistoryEntry;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.PageCursor;
import com.pulse.api.currency.CurrencyRates;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InOrder;
import com.pulse.api.system.InvalidRequestException;
import com.pulse.api.system.NotFoundException;
import com.pulse.events.Operation;
import com.pulse.events.ProductChanged;
import com.pulse.events.ProductSnapshot;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes, bins and restores catalogue products; each change is one transaction of
 * row, history and outbox event on {@code crm.products.v1} (see {@link Lifecycle}).
 */
@Service
public class ProductService {

    static final String AGGREGATE_TYPE = "product";

    private final IdempotencyKeys keys;
    private final ProductRepository repository;
    private final CurrencyRates rates;
    private final CompanyProperties company;
    private final Lifecycle<Product> lifecycle;

    ProductService(ProductRepository repository, CurrencyRates rates, CompanyProperties company, OutboxWriter outbox,
                   TransactionalOperator tx, IdempotencyKeys keys) {
        this.keys = keys;
        this.repository = repository;
        this.rates = rates;
        this.company = company;
        this.lifecycle = new Lifecycle<>(AGGREGATE_TYPE, tx, repository, repository.history(), ProductRules::changes,
                (saved, operation, actor) -> outbox.append(Topics.PRODUCTS, AGGREGATE_TYPE, new ProductChanged(
                        UUID.randomUUID(), saved.id(), saved.version(), operation, actor, saved.updatedAt(), saved.snapshot())));
    }

    Mono<Product> create(CreateProduct request, Caller caller) {
        return create(request, caller, IdempotencyKey.NONE).map(Created::record);
    }

    /** As above, under an optional Idempotency-Key: a retried create answers with the first one's record. */
    Mono<Created<Product>> create(CreateProduct request, Caller caller, IdempotencyKey key) {
        List<FieldProblem> errors = ProductRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        String currency = request.currency() != null ? request.currency() : company.baseCurrency();
        return lifecycle.create(Mono.defer(() -> {
            Product created = ProductRules.create(UUID.randomUUID(), request, currency, lifecycle.now());
            return checkReferences(null, created).thenReturn(created);
        }), caller, keys.claim(key, request));
    }

    Mono<Product> update(UUID id, UpdateProduct request, Long expectedVersion, Caller caller) {
        List<FieldProblem> errors = ProductRules.validate(request);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return lifecycle.change(id, expectedVersion, caller, Operation.UPDATED, current -> {
            Product next = ProductRules.update(current, request, lifecycle.now());
            return checkReferences(current, next).thenReturn(next);
        });
    }

    Mono<Product> delete(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.DELETED, current -> {
            var now = lifecycle.now();
            return Mono.just(current.binned(now, now));
        });
    }

    Mono<Product> restore(UUID id, Long expectedVersion, Caller caller) {
        return lifecycle.change(id, expectedVersion, caller, Operation.RESTORED,
                current -> Mono.just(current.binned(null, lifecycle.now())));
    }

    /** A live product, for other packages (opportunity product lines). */
    public Mono<Product> find(UUID id) {
        return repository.find(id);
    }

    Mono<Product> get(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException(AGGREGATE_TYPE, id)));
    }

    /** The history of a product, also while it is in the recycle bin. */
    Flux<HistoryEntry> history(UUID id) {
        return repository.exists(id)
                .flatMapMany(exists -> exists ? repository.history().read(id)
                        : Flux.error(new NotFoundException(AGGREGATE_TYPE, id)));
    }

    Mono<Page<ProductSnapshot>> list(ProductFilter filter, ListRequest request) {
        return repository.page(filter, request).collectList().map(rows -> Page.of(rows, request, Product::snapshot,
                p -> PageCursor.after(request, p.id(), p.name(), p.createdAt())));
    }

    /** The code must be free (the unique index catches a race as 409) and the currency one the rate table knows. */
    private Mono<Void> checkReferences(Product before, Product after) {
        boolean codeChanged = before == null || !before.code().equalsIgnoreCase(after.code());
        boolean currencyChanged = before == null || !before.currency().equals(after.currency());
        Mono<Boolean> codeFree = codeChanged ? repository.codeTaken(after.code(), after.id()).map(taken -> !taken) : Mono.just(true);
        Mono<Boolean> currencyKnown = currencyChanged
                ? rates.rate(after.currency(), company.today()).hasElement() : Mono.just(true);
        return InOrder.zip(codeFree, currencyKnown).flatMap(ok -> {
            List<FieldProblem> errors = new ArrayList<>();
            if (!ok.getT1()) {
                errors.add(new FieldProblem("code", "is taken"));
            }
            if (!ok.getT2()) {
                errors.add(new FieldProblem("currency", "unknown currency " + after.currency()));
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors));
        });
    }
}
