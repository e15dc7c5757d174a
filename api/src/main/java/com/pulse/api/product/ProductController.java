package com.pulse.api.product;

import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.HistoryPage;
import com.pulse.api.crud.Ids;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.Responses;
import com.pulse.api.crud.Texts;
import com.pulse.api.crud.Versions;
import com.pulse.api.security.Caller;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.ProductSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/products}: the catalogue that opportunity product lines pick from. A product's
 * JSON is its event snapshot ({@link ProductSnapshot}), so clients and consumers see one shape.
 */
@RestController
@RequestMapping(path = "/api/v1/products", produces = MediaType.APPLICATION_JSON_VALUE)
class ProductController {

    static final String URL = "/api/v1/products";

    private final ProductService service;

    ProductController(ProductService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProductSnapshot>> create(@RequestBody CreateProduct request, Caller caller, IdempotencyKey key) {
        Responses.reject(ProductRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ProductSnapshot>> get(@PathVariable String id) {
        return service.get(Ids.require("id", id)).map(p -> Responses.ok(p.snapshot(), p.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProductSnapshot>> update(@PathVariable String id, @RequestBody UpdateProduct request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(ProductRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(p -> Responses.ok(p.snapshot(), p.version()));
    }

    /** Moves the product to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<ProductSnapshot>> delete(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(p -> Responses.ok(p.snapshot(), p.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<ProductSnapshot>> restore(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(p -> Responses.ok(p.snapshot(), p.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id) {
        return service.history(Ids.require("id", id)).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<ProductSnapshot>> list(@RequestParam(required = false) String category,
                                     @RequestParam(required = false) String active,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(required = false) String order,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String cursor) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("q", q, ProductRules.MAX_NAME, errors);
        Texts.optional("category", category, ProductRules.MAX_CATEGORY, errors);
        Texts.oneOf("active", active, List.of("true", "false"), errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new ProductFilter(Texts.strip(category), active == null ? null : Boolean.valueOf(active),
                Texts.strip(q)), request);
    }
}
