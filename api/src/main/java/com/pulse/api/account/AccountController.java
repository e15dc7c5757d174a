package com.pulse.api.account;

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
import com.pulse.events.AccountSnapshot;
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
 * {@code /api/v1/accounts}. An account's JSON is its event snapshot ({@link AccountSnapshot}),
 * so clients and consumers see one shape. Path and query parameters arrive as strings and are
 * parsed here, so a bad one is reported as a field problem rather than a generic conversion error.
 */
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

    static final String URL = "/api/v1/accounts";

    private final AccountService service;

    AccountController(AccountService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<AccountSnapshot>> create(@RequestBody CreateAccount request, Caller caller, IdempotencyKey key) {
        Responses.reject(AccountRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<AccountSnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<AccountSnapshot>> update(@PathVariable String id, @RequestBody UpdateAccount request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(AccountRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    /** Moves the account to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<AccountSnapshot>> delete(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<AccountSnapshot>> restore(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id, Caller caller) {
        return service.history(Ids.require("id", id), caller).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<AccountSnapshot>> list(@RequestParam(required = false) String tier,
                                     @RequestParam(required = false) String industry,
                                     @RequestParam(required = false) String region,
                                     @RequestParam(required = false) String ownerId,
                                     @RequestParam(required = false) String type,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(required = false) String order,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.oneOf("tier", tier, AccountRules.TIERS, errors);
        Texts.oneOf("type", type, AccountRules.TYPES, errors);
        Texts.oneOf("status", status, AccountRules.STATUSES, errors);
        Texts.optional("industry", industry, AccountRules.MAX_TEXT, errors);
        Texts.optional("region", region, AccountRules.MAX_TEXT, errors);
        Texts.optional("q", q, AccountRules.MAX_NAME, errors);
        UUID owner = Ids.optional("ownerId", ownerId, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new AccountFilter(tier, Texts.strip(industry), Texts.strip(region), owner, type, status,
                Texts.strip(q)), request, caller);
    }
}
