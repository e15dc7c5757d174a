package com.pulse.api.opportunity;

import java.time.LocalDate;
import com.pulse.api.crud.Texts;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.Caller;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/opportunities}. Path and query parameters arrive as strings and are parsed
 * here, so a bad one is reported as a field problem rather than a generic conversion error.
 */
@RestController
@RequestMapping(path = "/api/v1/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
class OpportunityController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final OpportunityService service;

    OpportunityController(OpportunityService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpportunityResource>> create(@RequestBody CreateOpportunity request,
                                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, Caller caller) {
        String idempotencyKey = idempotencyKey(key);
        reject(OpportunityRules.validate(request));
        // A replay answers exactly like the first create (201, same id), marked so clients can tell.
        return service.create(request, caller, idempotencyKey).map(c -> ResponseEntity
                .created(URI.create("/api/v1/opportunities/" + c.opportunity().id()))
                .eTag(c.opportunity().etag())
                .header(REPLAYED, c.replayed() ? "true" : "false")
                .body(OpportunityResource.of(c.opportunity())));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpportunityResource>> update(@PathVariable String id, @RequestBody UpdateOpportunity request,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = id(id);
        reject(OpportunityRules.validate(request));
        Long expected = expectedVersion(ifMatch, request.version());
        return service.update(uuid, request, expected, caller)
                .map(o -> ResponseEntity.ok().eTag(o.etag()).body(OpportunityResource.of(o)));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<OpportunityResource>> get(@PathVariable String id, Caller caller) {
        return service.get(id(id), caller).map(o -> ResponseEntity.ok().eTag(o.etag()).body(OpportunityResource.of(o)));
    }

    @GetMapping
    Mono<Page<OpportunityResource>> list(@RequestParam(required = false) String stage,
                                         @RequestParam(required = false) String ownerId,
                                         @RequestParam(required = false) String accountId,
                                         @RequestParam(required = false) String forecastCategory,
                                         @RequestParam(required = false) String source,
                                         @RequestParam(required = false) String closeFrom,
                                         @RequestParam(required = false) String closeTo,
                                         @RequestParam(required = false) String q,
                                         @RequestParam(required = false) String sort,
                                         @RequestParam(required = false) String order,
                                         @RequestParam(required = false) String limit,
                                         @RequestParam(required = false) String cursor,
                                         @RequestParam(required = false) String deleted, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        if (deleted != null && !deleted.equals("true") && !deleted.equals("false")) {
            errors.add(new FieldProblem("deleted", "must be true (the recycle bin) or false"));
        }
        if (stage != null && OpportunityRules.PIPELINE.stage(stage).isEmpty()) {
            errors.add(new FieldProblem("stage", "unknown stage; one of " + OpportunityRules.PIPELINE.names()));
        }
        Texts.oneOf("forecastCategory", forecastCategory, OpportunityRules.CATEGORIES, errors);
        Texts.oneOf("source", source, OpportunityRules.SOURCES, errors);
        Texts.optional("q", q, OpportunityRules.MAX_NAME, errors);
        UUID owner = com.pulse.api.crud.Ids.optional("ownerId", ownerId, errors);
        UUID account = com.pulse.api.crud.Ids.optional("accountId", accountId, errors);
        LocalDate from = date("closeFrom", closeFrom, errors);
        LocalDate to = date("closeTo", closeTo, errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldProblem("closeTo", "must not be before closeFrom"));
        }
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        return service.list(new OpportunityFilter(stage, owner, account, forecastCategory, source, from, to, Texts.strip(q),
                "true".equals(deleted)), request, caller);
    }

    private static LocalDate date(String field, String value, List<FieldProblem> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new FieldProblem(field, "must be a date such as 2027-03-31"));
            return null;
        }
    }

    /** Moves the opportunity to the recycle bin: 204, with the new version as ETag. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = id(id);
        Long expected = expectedVersion(ifMatch, null);
        return service.delete(uuid, expected, caller).map(o -> ResponseEntity.noContent().eTag(o.etag()).<Void>build());
    }

    /** Brings the opportunity back from the recycle bin; a body, if sent, is ignored. */
    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<OpportunityResource>> restore(@PathVariable String id,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = id(id);
        Long expected = expectedVersion(ifMatch, null);
        return service.restore(uuid, expected, caller)
                .map(o -> ResponseEntity.ok().eTag(o.etag()).body(OpportunityResource.of(o)));
    }

    @PostMapping(path = "/{id}/stage", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpportunityResource>> moveStage(@PathVariable String id, @RequestBody StageMove request,
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = id(id);
        reject(OpportunityRules.validate(request));
        Long expected = expectedVersion(ifMatch, request.version());
        return service.moveStage(uuid, request, expected, caller)
                .map(o -> ResponseEntity.ok().eTag(o.etag()).body(OpportunityResource.of(o)));
    }

    /** Replaces the product lines; by default the amount becomes their sum (see {@link LinesRequest}). */
    @PutMapping(path = "/{id}/lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpportunityResource>> replaceLines(@PathVariable String id, @RequestBody LinesRequest request,
                                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = id(id);
        reject(ProductLines.validate(request));
        Long expected = expectedVersion(ifMatch, request.version());
        return service.replaceLines(uuid, request, expected, caller)
                .map(o -> ResponseEntity.ok().eTag(o.etag()).body(OpportunityResource.of(o)));
    }

    @GetMapping("/{id}/history")
    Mono<List<HistoryEntry>> history(@PathVariable String id, Caller caller) {
        return service.history(id(id), caller);
    }

    /** Printable ASCII, as HTTP header values are; 1..200 characters (the column's limit). */
    private static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                || key.isBlank()) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY,
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
        }
        return key;
    }

    private static void reject(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static UUID id(String text) {
        return Ids.parse(text).orElseThrow(() -> new InvalidRequestException("id", "must be a UUID"));
    }

    /** If-Match wins over the body's version; "*" means any version. */
    private static Long expectedVersion(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return bodyVersion;
        }
        if (ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new InvalidRequestException("If-Match", "must be an ETag this API returned, e.g. \"3\"");
        }
        return Long.parseLong(m.group(1));
    }
}
