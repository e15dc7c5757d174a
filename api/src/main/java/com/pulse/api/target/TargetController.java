package com.pulse.api.target;

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
import com.pulse.events.TargetSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * {@code /api/v1/targets}. A target's JSON is its event snapshot ({@link TargetSnapshot}).
 * Path and query parameters arrive as strings and are parsed here, so a bad one is reported as a field problem.
 * {@code sort=name} orders by period.
 */
@RestController
@RequestMapping(path = "/api/v1/targets", produces = MediaType.APPLICATION_JSON_VALUE)
class TargetController {

    static final String URL = "/api/v1/targets";
    private static final Pattern ANY_PERIOD = Pattern.compile("20[0-9]{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?");

    private final TargetService service;

    TargetController(TargetService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TargetSnapshot>> create(@RequestBody CreateTarget request, Caller caller, IdempotencyKey key) {
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<TargetSnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TargetSnapshot>> update(@PathVariable String id, @RequestBody UpdateTarget request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    /** Moves the target to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<TargetSnapshot>> delete(@PathVariable String id,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<TargetSnapshot>> restore(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id, Caller caller) {
        return service.history(Ids.require("id", id), caller).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<TargetSnapshot>> list(@RequestParam(required = false) String scopeType,
                                    @RequestParam(required = false) String scopeId,
                                    @RequestParam(required = false) String periodType,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) String metric,
                                    @RequestParam(required = false) String q,
                                    @RequestParam(required = false) String sort,
                                    @RequestParam(required = false) String order,
                                    @RequestParam(required = false) String limit,
                                    @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.oneOf("scopeType", scopeType, TargetRules.SCOPE_TYPES, errors);
        UUID scope = Ids.optional("scopeId", scopeId, errors);
        Texts.oneOf("periodType", periodType, TargetRules.PERIOD_TYPES, errors);
        if (period != null && !ANY_PERIOD.matcher(period).matches()) {
            errors.add(new FieldProblem("period", "must be a period such as 2027, 2027-Q1 or 2027-01"));
        }
        Texts.oneOf("metric", metric, TargetRules.METRICS, errors);
        Texts.optional("q", q, 7, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new TargetFilter(scopeType, scope, periodType, period, metric, Texts.strip(q)), request, caller);
    }
}
