package com.pulse.notifier.rules;

import com.pulse.notifier.preferences.RecipientZones;
import com.pulse.notifier.preferences.TimeZoneChanged;
import com.pulse.notifier.problem.FieldProblem;
import com.pulse.notifier.problem.InvalidRequest;
import com.pulse.notifier.problem.NotFound;
import com.pulse.notifier.problem.VersionConflict;
import com.pulse.notifier.schedule.RuleScheduler;
import com.pulse.notifier.scope.Caller;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rules per owner. Each change writes the row and rebuilds the rule's Quartz triggers in one transaction.
 * A rule is the owner's alone: anybody else's id is 404. Recipients other than the caller are allowed only
 * to a MANAGER, and only users of the teams they manage (their api data scope).
 */
@Service
class RuleService {

    private final RuleRepository rules;
    private final RuleScheduler scheduler;
    private final RecipientZones zones;
    private final Scopes scopes;
    private final List<RuleParameterCheck> checks;

    RuleService(RuleRepository rules, RuleScheduler scheduler, RecipientZones zones, Scopes scopes,
                List<RuleParameterCheck> checks) {
        this.rules = rules;
        this.scheduler = scheduler;
        this.zones = zones;
        this.scopes = scopes;
        this.checks = checks;
    }

    List<Rule> list(Caller caller) {
        return rules.owned(caller.id());
    }

    Rule get(Caller caller, UUID id) {
        return rules.findOwned(caller.id(), id, false).orElseThrow(RuleService::notFound);
    }

    @Transactional
    Rule create(Caller caller, RuleForm form) {
        if (form.version() != null) {
            throw new InvalidRequest("version", "not on create: a new rule starts at version 1");
        }
        checkRecipients(caller, form.recipients());
        checkParameters(caller, form);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Rule rule = rule(UUID.randomUUID(), caller.id(), form, 1, now, now);
        rules.insert(rule);
        reschedule(rule, caller);
        return rule;
    }

    @Transactional
    Rule update(Caller caller, UUID id, RuleForm form, Long ifMatch) {
        Rule current = rules.findOwned(caller.id(), id, true).orElseThrow(RuleService::notFound);
        long expected = expectedVersion(form.version(), ifMatch);
        if (current.version() != expected) {
            throw new VersionConflict(current.version());
        }
        checkRecipients(caller, form.recipients());
        checkParameters(caller, form);
        Rule rule = rule(id, caller.id(), form, expected + 1, current.createdAt(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (!rules.update(rule, expected)) {
            throw new VersionConflict(rules.find(id).map(Rule::version).orElse(expected));
        }
        reschedule(rule, caller);
        return rule;
    }

    @Transactional
    void delete(Caller caller, UUID id, Long ifMatch) {
        Rule current = rules.findOwned(caller.id(), id, true).orElseThrow(RuleService::notFound);
        if (ifMatch != null && ifMatch != current.version()) {
            throw new VersionConflict(current.version());
        }
        rules.delete(caller.id(), id, current.version());
        scheduler.unschedule(id);
    }

    /** A recipient chose another time zone: the rules that reach them get triggers on the new clock. */
    @EventListener
    void on(TimeZoneChanged event) {
        rules.forRecipient(event.userId()).forEach(rule -> reschedule(rule, null));
    }

    private void reschedule(Rule rule, Caller caller) {
        if (!rule.enabled() || rule.type().event()) {
            scheduler.unschedule(rule.id());
            return;
        }
        Map<String, ZoneId> recipients = new LinkedHashMap<>();
        rule.recipients().forEach(r -> recipients.put(r, zones.zoneOf(r, caller)));
        scheduler.schedule(rule.id(), rule.schedule().cron(), recipients);
    }

    private void checkParameters(Caller caller, RuleForm form) {
        checks.stream().filter(c -> c.type() == form.type()).forEach(c -> c.check(caller.id(), form.parameters()));
    }

    private void checkRecipients(Caller caller, List<String> recipients) {
        List<FieldProblem> problems = new ArrayList<>();
        Scope team = null;
        for (int i = 0; i < recipients.size(); i++) {
            String recipient = recipients.get(i);
            if (recipient.equals(caller.id())) {
                continue;
            }
            if (!caller.manager()) {
                problems.add(new FieldProblem("recipients[" + i + "]", "only a manager may send rules to others"));
                continue;
            }
            team = team != null ? team : scopes.of(caller.id(), List.of("MANAGER"));
            if (!team.includes(recipient)) {
                problems.add(new FieldProblem("recipients[" + i + "]", "not a member of a team you manage"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    private static long expectedVersion(Long body, Long ifMatch) {
        if (body != null && ifMatch != null && !body.equals(ifMatch)) {
            throw new InvalidRequest("version", "differs from If-Match");
        }
        Long expected = body != null ? body : ifMatch;
        if (expected == null) {
            throw new InvalidRequest("version", "required: the version you read, in the body or as If-Match");
        }
        return expected;
    }

    private static Rule rule(UUID id, String owner, RuleForm f, long version, Instant created, Instant updated) {
        return new Rule(id, owner, f.name(), f.type(), f.parameters(), f.recipients(), f.channels(), f.schedule(),
                f.quietHours(), f.digest(), f.escalation(), f.enabled(), version, created, updated);
    }

    private static NotFound notFound() {
        return new NotFound("No such rule among yours.");
    }
}
