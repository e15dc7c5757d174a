package com.pulse.api.activity;

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
import com.pulse.events.ActivitySnapshot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * {@code /api/v1/activities}. An activity's JSON is its event snapshot ({@link ActivitySnapshot}).
 * Path and query parameters arrive as strings and are parsed here, so a bad one is reported as a field problem.
 * {@code sort=name} orders by subject.
 */
@RestController
@RequestMapping(path = "/api/v1/activities", produces = MediaType.APPLICATION_JSON_VALUE)
class ActivityController {

    static final String URL = "/api/v1/activities";

    private final ActivityService service;

    ActivityController(ActivityService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ActivitySnapshot>> create(@RequestBody CreateActivity request, Caller caller, IdempotencyKey key) {
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ActivitySnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ActivitySnapshot>> update(@PathVariable String id, @RequestBody UpdateActivity request,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    /** Sets completedAt to now (the activity then counts as done); 409 if it already is. */
    @PostMapping("/{id}/complete")
    Mono<ResponseEntity<ActivitySnapshot>> complete(@PathVariable String id,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.complete(uuid, Versions.expected(ifMatch, null), caller)
                .map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    /** Moves the activity to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<ActivitySnapshot>> delete(@PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(a -> Responses.ok(a.snapshot(), a.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<ActivitySnapshot>> restore(@PathVariable String id,
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
    Mono<Page<ActivitySnapshot>> list(@RequestParam(required = false) String type,
                                      @RequestParam(required = false) String ownerId,
                                      @RequestParam(required = false) String accountId,
                                      @RequestParam(required = false) String contactId,
                                      @RequestParam(required = false) String opportunityId,
                                      @RequestParam(required = false) String completed,
                                      @RequestParam(required = false) String dueBefore,
                                      @RequestParam(required = false) String dueAfter,
                                      @RequestParam(required = false) String q,
                                      @RequestParam(required = false) String sort,
                                      @RequestParam(required = false) String order,
                                      @RequestParam(required = false) String limit,
                                      @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.oneOf("type", type, ActivityRules.TYPES, errors);
        Texts.optional("q", q, ActivityRules.MAX_SUBJECT, errors);
        UUID owner = Ids.optional("ownerId", ownerId, errors);
        UUID account = Ids.optional("accountId", accountId, errors);
        UUID contact = Ids.optional("contactId", contactId, errors);
        UUID opportunity = Ids.optional("opportunityId", opportunityId, errors);
        Boolean done = null;
        if (completed != null) {
            if (completed.equals("true") || completed.equals("false")) {
                done = Boolean.valueOf(completed);
            } else {
                errors.add(new FieldProblem("completed", "must be true or false"));
            }
        }
        Instant before = instant("dueBefore", dueBefore, errors);
        Instant after = instant("dueAfter", dueAfter, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new ActivityFilter(type, owner, account, contact, opportunity, done, before, after, Texts.strip(q)), request, caller);
    }

    /** An ISO-8601 instant query parameter (e.g. 2027-01-31T16:00:00Z), null when absent. */
    static Instant instant(String field, String text, List<FieldProblem> errors) {
        if (text == null) {
            return null;
        }
        try {
            Instant t = text.length() <= 40 ? Instant.parse(text) : null;
            if (t != null) {
                ActivityRules.timestamp(field, t, errors);
                return t;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2027-01-31T16:00:00Z"));
        return null;
    }
}
