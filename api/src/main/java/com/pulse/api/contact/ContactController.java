package com.pulse.api.contact;

import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.HistoryPage;
import com.pulse.api.crud.Ids;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.Responses;
import com.pulse.api.crud.Texts;
import com.pulse.api.crud.Versions;
import com.pulse.api.security.Caller;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.ContactSnapshot;
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
 * {@code /api/v1/contacts}. A contact's JSON is its event snapshot ({@link ContactSnapshot}),
 * so clients and consumers see one shape. Path and query parameters arrive as strings and are
 * parsed here, so a bad one is reported as a field problem rather than a generic conversion error.
 */
@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactController {

    static final String URL = "/api/v1/contacts";

    private final ContactService service;
    private final CompanyProperties company;

    ContactController(ContactService service, CompanyProperties company) {
        this.service = service;
        this.company = company;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ContactSnapshot>> create(@RequestBody CreateContact request, Caller caller, IdempotencyKey key) {
        Responses.reject(ContactRules.validate(request, company.today()));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ContactSnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ContactSnapshot>> update(@PathVariable String id, @RequestBody UpdateContact request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(ContactRules.validate(request, company.today()));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    /** Moves the contact to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<ContactSnapshot>> delete(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<ContactSnapshot>> restore(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id, Caller caller) {
        return service.history(Ids.require("id", id), caller).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<ContactSnapshot>> list(@RequestParam(required = false) String accountId,
                                     @RequestParam(required = false) String ownerId,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(required = false) String order,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("q", q, ContactRules.MAX_NAME, errors);
        UUID account = Ids.optional("accountId", accountId, errors);
        UUID owner = Ids.optional("ownerId", ownerId, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new ContactFilter(account, owner, Texts.strip(q)), request, caller);
    }
}
