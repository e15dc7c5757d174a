package com.pulse.api.team;

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
import com.pulse.events.TeamSnapshot;
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

/** {@code /api/v1/teams}: the team tree. A team's JSON is its event snapshot ({@link TeamSnapshot}). */
@RestController
@RequestMapping(path = "/api/v1/teams", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamController {

    static final String URL = "/api/v1/teams";

    private final TeamService service;

    TeamController(TeamService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TeamSnapshot>> create(@RequestBody CreateTeam request, Caller caller, IdempotencyKey key) {
        Responses.reject(TeamRules.validate(request));
        return service.create(request, caller, key)
                .map(c -> Responses.created(URL + "/" + c.record().id(), c.record().snapshot(), c.record().version(), c.replayed()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<TeamSnapshot>> get(@PathVariable String id) {
        return service.get(Ids.require("id", id)).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TeamSnapshot>> update(@PathVariable String id, @RequestBody UpdateTeam request,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        Responses.reject(TeamRules.validate(uuid, request));
        Long expected = Versions.expected(ifMatch, request.version());
        return service.update(uuid, request, expected, caller).map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<TeamSnapshot>> delete(@PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        UUID uuid = Ids.require("id", id);
        return service.delete(uuid, Versions.expected(ifMatch, null), caller)
                .map(t -> Responses.ok(t.snapshot(), t.version()));
    }

    @PostMapping("/{id}/restore")
    Mono<ResponseEntity<TeamSnapshot>> restore(@PathVariable String id,
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
    Mono<Page<TeamSnapshot>> list(@RequestParam(required = false) String parentId,
                                  @RequestParam(required = false) String managerId,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String order,
                                  @RequestParam(required = false) String limit,
                                  @RequestParam(required = false) String cursor) {
        List<FieldProblem> errors = new ArrayList<>();
        UUID parent = Ids.optional("parentId", parentId, errors);
        UUID manager = Ids.optional("managerId", managerId, errors);
        Texts.optional("q", q, TeamRules.MAX_NAME, errors);
        ListRequest request = ListRequest.parse(sort, order, limit, cursor, errors);
        Responses.reject(errors);
        return service.list(new TeamFilter(parent, manager, Texts.strip(q)), request);
    }
}
