package com.pulse.notifier.rules;

import com.pulse.notifier.problem.IfMatch;
import com.pulse.notifier.problem.NotFound;
import com.pulse.notifier.scope.Caller;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /notifier/v1/rules}: the caller's reminder rules. PUT replaces a rule whole and needs the version
 * read ({@code version} in the body or {@code If-Match}); answers carry it as the ETag.
 */
@RestController
@RequestMapping("/notifier/v1/rules")
class RulesController {

    private final RuleService rules;

    RulesController(RuleService rules) {
        this.rules = rules;
    }

    /** A rule as clients see it. */
    record RuleView(UUID id, String ownerId, String name, RuleType type, Map<String, Object> parameters,
                    List<String> recipients, List<Channel> channels, Map<String, Object> schedule,
                    Map<String, Object> quietHours, Boolean digest, Map<String, Object> escalation, boolean enabled, long version,
                    Instant createdAt, Instant updatedAt) {

        static RuleView of(Rule r) {
            return new RuleView(r.id(), r.ownerId(), r.name(), r.type(), r.parameters(), r.recipients(), r.channels(),
                    r.schedule() == null ? null : r.schedule().json(), r.quietHours() == null ? null : r.quietHours().toMap(), r.digest(),
                    r.escalation() == null ? null : r.escalation().toMap(), r.enabled(),
                    r.version(), r.createdAt(), r.updatedAt());
        }
    }

    record RuleList(List<RuleView> items) {
    }

    @GetMapping
    RuleList list(@AuthenticationPrincipal Jwt token) {
        return new RuleList(rules.list(Caller.of(token)).stream().map(RuleView::of).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<RuleView> get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return answer(HttpStatus.OK, rules.get(Caller.of(token), uuid(id)));
    }

    @PostMapping
    ResponseEntity<RuleView> create(@AuthenticationPrincipal Jwt token, @RequestBody JsonNode body) {
        Caller caller = Caller.of(token);
        Rule rule = rules.create(caller, RuleForm.read(body, caller.id()));
        return ResponseEntity.created(URI.create("/notifier/v1/rules/" + rule.id()))
                .eTag("\"" + rule.version() + "\"").body(RuleView.of(rule));
    }

    @PutMapping("/{id}")
    ResponseEntity<RuleView> update(@AuthenticationPrincipal Jwt token, @PathVariable String id, @RequestBody JsonNode body,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Caller caller = Caller.of(token);
        UUID ruleId = uuid(id);
        Long expected = IfMatch.version(ifMatch);
        return answer(HttpStatus.OK, rules.update(caller, ruleId, RuleForm.read(body, caller.id()), expected));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                                @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        rules.delete(Caller.of(token), uuid(id), IfMatch.version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<RuleView> answer(HttpStatus status, Rule rule) {
        return ResponseEntity.status(status).eTag("\"" + rule.version() + "\"").body(RuleView.of(rule));
    }

    // Not an id at all is answered like an id nobody has.
    private static UUID uuid(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new NotFound("No such rule among yours.");
    }
}
