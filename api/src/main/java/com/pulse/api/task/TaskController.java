package com.pulse.api.task;

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
import com.pulse.events.TaskSnapshot;
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
 * {@code /api/v1/tasks}. A task's JSON is its event snapshot ({@link TaskSnapshot}).
 * Path and query parameters arrive as strings and are parsed here, so a bad one is reported as a field problem.
 * {@code sort=name} orders by title.
 */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskController {

    static final String URL = "/api/v1/tasks";

    private final TaskService service;

    TaskController(TaskService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TaskSnapshot>> create(@RequestBody CreateTask request, Caller caller, IdempotencyKey key) {
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<TaskSnapshot>> get(@PathVariable String id, Caller caller) {
        return service.get(Ids.require("id", id), caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TaskSnapshot>> update(@PathVariable String id, @RequestBody UpdateTask request,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    /** Moves the task to the recycle bin; the answer shows it there ({@code deleted: true}). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<TaskSnapshot>> delete(@PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<TaskSnapshot>> restore(@PathVariable String id,
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
    Mono<Page<TaskSnapshot>> list(@RequestParam(required = false) String assigneeId,
                                  @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String dueBefore,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String order,
                                  @RequestParam(required = false) String limit,
                                  @RequestParam(required = false) String cursor, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        UUID assignee = Ids.optional("assigneeId", assigneeId, errors);
        Texts.oneOf("status", status, TaskRules.STATUSES, errors);
        Texts.optional("q", q, TaskRules.MAX_TITLE, errors);
        Instant before = null;
        if (dueBefore != null) {
            try {
                before = dueBefore.length() <= 40 ? Instant.parse(dueBefore) : null;
            } catch (DateTimeParseException e) {
                before = null;
            }
            if (before == null) {
                errors.add(new FieldProblem("dueBefore", "must be an ISO-8601 instant such as 2027-01-31T16:00:00Z"));
            } else {
                TaskRules.timestamp("dueBefore", before, errors);
            }
        }
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new TaskFilter(assignee, status, before, Texts.strip(q)), request, caller);
    }
}
