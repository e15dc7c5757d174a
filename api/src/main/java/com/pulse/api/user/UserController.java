package com.pulse.api.user;

import com.pulse.api.crud.IdempotencyKey;
import com.pulse.api.crud.HistoryPage;
import com.pulse.api.crud.Ids;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Page;
import com.pulse.api.crud.Responses;
import com.pulse.api.crud.Texts;
import com.pulse.api.crud.Versions;
import com.pulse.api.security.Caller;
import com.pulse.api.security.Role;
import com.pulse.api.system.RefusedException;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.UserSnapshot;
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

/** {@code /api/v1/users}: users of the CRM. A user's JSON is its event snapshot
 * ({@link UserSnapshot}), which never carries the password or its hash. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    static final String URL = "/api/v1/users";

    private final UserService service;

    UserController(UserService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<UserSnapshot>> create(@RequestBody CreateUser request, Caller caller, IdempotencyKey key) {
        Responses.reject(UserRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<UserSnapshot>> get(@PathVariable String id) {
        return service.get(Ids.require("id", id)).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<UserSnapshot>> update(@PathVariable String id, @RequestBody UpdateUser request,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(UserRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    /**
     * Sets a new password (at least 10 characters); answers the user at its next version. Users set their
     * own; an administrator anybody's.
     */
    @PostMapping(path = "/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<UserSnapshot>> password(@PathVariable String id, @RequestBody SetPassword request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        if (!caller.has(Role.ADMIN) && !uuid.equals(caller.userId())) {
            throw RefusedException.forbidden("Only an administrator may set another user's password.");
        }
        Responses.reject(UserRules.validate(request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.setPassword(uuid, request, expected, caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    /** Moves the user to the recycle bin (no sign-in while there); the answer shows it there. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<UserSnapshot>> delete(@PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<UserSnapshot>> restore(@PathVariable String id,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.restore(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @GetMapping("/{id}/history")
    Mono<HistoryPage> history(@PathVariable String id) {
        return service.history(Ids.require("id", id)).collectList().map(HistoryPage::new);
    }

    @GetMapping
    Mono<Page<UserSnapshot>> list(@RequestParam(required = false) String teamId,
                                  @RequestParam(required = false) String role,
                                  @RequestParam(required = false) String active,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String order,
                                  @RequestParam(required = false) String limit,
                                  @RequestParam(required = false) String cursor) {
        List<FieldProblem> errors = new ArrayList<>();
        UUID team = Ids.optional("teamId", teamId, errors);
        Texts.oneOf("role", role, UserRules.ROLES, errors);
        Texts.oneOf("active", active, List.of("true", "false"), errors);
        Texts.optional("q", q, UserRules.MAX_NAME, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new UserFilter(team, role, active == null ? null : Boolean.valueOf(active), Texts.strip(q)),
                request);
    }
}
