package com.pulse.api.lead;

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
import com.pulse.events.LeadSnapshot;
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
 * {@code /api/v1/leads}. A lead's JSON is its event snapshot ({@link LeadSnapshot}),
 * so clients and consumers see one shape. Path and query parameters arrive as strings and are
 * parsed here, so a bad one is reported as a field problem rather than a generic conversion error.
 */
@RestController
@RequestMapping(path = "/api/v1/leads", produces = MediaType.APPLICATION_JSON_VALUE)
class LeadController {

    static final String URL = "/api/v1/leads";

    private final LeadService service;
    LeadController(LeadService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<LeadSnapshot>> create(@RequestBody CreateLead request, Caller caller, IdempotencyKey key) {
        Responses.reject(LeadRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<LeadSnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<LeadSnapshot>> update(@PathVariable String id, @RequestBody UpdateLead request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(LeadRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    /** Moves the lead to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<LeadSnapshot>> delete(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<LeadSnapshot>> restore(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id, Caller caller) {
        return service.history(Ids.require("id", id), caller).collectList().map(HistoryPage::new);
    }

    /** Creates the account (or takes an existing one), the contact and optionally the opportunity; the lead becomes CONVERTED. */
    @PostMapping(path = "/{id}/convert", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<LeadSnapshot>> convert(@PathVariable String id, @RequestBody ConvertLead request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(LeadRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.convert(uuid, request, expected, caller).map(l -> Responses.ok(l.snapshot(), l.version()));
    }

    @GetMapping
    Mono<Page<LeadSnapshot>> list(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String source,
                                  @RequestParam(required = false) String campaignId,
                                  @RequestParam(required = false) String ownerId,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String order,
                                  @RequestParam(required = false) String limit,
                                  @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("q", q, LeadRules.MAX_NAME, errors);
        Texts.oneOf("status", status, LeadRules.STATUSES, errors);
        Texts.oneOf("source", source, LeadRules.SOURCES, errors);
        UUID campaign = Ids.optional("campaignId", campaignId, errors);
        UUID owner = Ids.optional("ownerId", ownerId, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new LeadFilter(status, source, campaign, owner, Texts.strip(q)), request, caller);
    }
}
