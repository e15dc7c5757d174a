package com.pulse.api.campaign;

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
import com.pulse.events.CampaignSnapshot;
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
 * {@code /api/v1/campaigns}. A campaign's JSON is its event snapshot ({@link CampaignSnapshot}),
 * so clients and consumers see one shape. Path and query parameters arrive as strings and are
 * parsed here, so a bad one is reported as a field problem rather than a generic conversion error.
 */
@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignController {

    static final String URL = "/api/v1/campaigns";

    private final CampaignService service;
    CampaignController(CampaignService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignSnapshot>> create(@RequestBody CreateCampaign request, Caller caller, IdempotencyKey key) {
        Responses.reject(CampaignRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<CampaignSnapshot>> get(@PathVariable String id) {
        return service.get(Ids.require("id", id)).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignSnapshot>> update(@PathVariable String id, @RequestBody UpdateCampaign request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(CampaignRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    /** Moves the campaign to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<CampaignSnapshot>> delete(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<CampaignSnapshot>> restore(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(c -> Responses.ok(c.snapshot(), c.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id) {
        return service.history(Ids.require("id", id)).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<CampaignSnapshot>> list(@RequestParam(required = false) String channel,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(required = false) String order,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String cursor) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("q", q, CampaignRules.MAX_NAME, errors);
        Texts.oneOf("channel", channel, CampaignRules.CHANNELS, errors);
        Texts.oneOf("status", status, CampaignRules.STATUSES, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new CampaignFilter(channel, status, Texts.strip(q)), request);
    }
}
