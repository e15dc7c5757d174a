package com.pulse.notifier.firing;

import com.pulse.clickhouse.ClickHouseException;
import com.pulse.notifier.builtin.BuiltInQuery;
import com.pulse.notifier.builtin.Evaluation;
import com.pulse.notifier.builtin.Lines;
import com.pulse.notifier.builtin.Match;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.preferences.Preferences;
import com.pulse.notifier.preferences.PreferencesRepository;
import com.pulse.notifier.preferences.RecipientZones;
import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.Rule;
import com.pulse.notifier.rules.RuleRepository;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.schedule.Firing;
import com.pulse.notifier.schedule.FiringHandler;
import com.pulse.notifier.schedule.QuietHours;
import com.pulse.notifier.schedule.RuleScheduler;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one firing of a rule for one recipient: held back to the end of quiet hours when it falls inside
 * them; otherwise the rule's query runs as of the firing, within what both the owner and the recipient may
 * see, and each match (or, digested, all of them) becomes one delivery, on the first of the rule's channels
 * that reaches the recipient, once per (rule, recipient, subject, period): running the same period again
 * alerts nobody twice.
 */
@Component
class RuleFiring implements FiringHandler {

    private static final Logger log = LoggerFactory.getLogger(RuleFiring.class);
    static final int DIGEST_LINES = 50;
    static final long RETRY_CAP_MINUTES = 60;

    private final RuleRepository rules;
    private final PreferencesRepository preferences;
    private final RecipientZones zones;
    private final Reachability reachability;
    private final Scopes scopes;
    private final RuleScheduler scheduler;
    private final FiringLog firings;
    private final AlertSink sink;
    private final Map<RuleType, BuiltInQuery> queries = new EnumMap<>(RuleType.class);
    private final Clock clock;
    private final TransactionTemplate transactions;

    RuleFiring(RuleRepository rules, PreferencesRepository preferences, RecipientZones zones,
               Reachability reachability, Scopes scopes,
               RuleScheduler scheduler, FiringLog firings, AlertSink sink, List<BuiltInQuery> queries,
               ObjectProvider<Clock> clock, TransactionTemplate transactions) {
        this.rules = rules;
        this.preferences = preferences;
        this.zones = zones;
        this.reachability = reachability;
        this.scopes = scopes;
        this.scheduler = scheduler;
        this.firings = firings;
        this.sink = sink;
        queries.forEach(q -> this.queries.put(q.type(), q));
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.transactions = transactions;
    }

    @Override
    public void fire(Firing firing) {
        Optional<Rule> found = rules.find(firing.ruleId())
                .filter(Rule::enabled).filter(r -> r.recipients().contains(firing.recipient()));
        if (found.isEmpty()) {
            // deleted, disabled or the recipient removed since the trigger was acquired
            log.info("Rule {} no longer fires for {}", firing.ruleId(), firing.recipient());
            return;
        }
        Rule rule = found.get();
        String recipient = firing.recipient();
        ZoneId zone = zones.zoneOf(recipient, null);
        Preferences prefs = preferences.find(recipient).orElse(Preferences.defaults());
        Instant now = clock.instant();
        QuietHours quiet = rule.quietHours() != null ? rule.quietHours() : prefs.quietHours();
        if (!firing.deferred() && quiet != null && quiet.contains(firing.scheduledAt(), zone)) {
            Instant end = quiet.endAfter(firing.scheduledAt(), zone);
            scheduler.defer(rule.id(), recipient, firing.period(), end);
            firings.deferred(firing, now, end);
            return;
        }
        Scope scope = scopes.of(rule.ownerId()).intersect(scopes.of(recipient));
        Lines lines = Lines.of(reachability.of(recipient).locale());
        Evaluation evaluation;
        try {
            evaluation = queries.get(rule.type()).run(rule.ownerId(), recipient, rule.parameters(), scope,
                    firing.asOf(), zone, lines);
        } catch (ClickHouseException e) {
            retryLater(rule, firing, now, quiet, zone, e);
            return;
        }
        List<Channel> channels = prefs.allowed(rule.type(), rule.channels());
        boolean digest = rule.digest() != null ? rule.digest() : prefs.digest();
        // the firing's record and its deliveries commit together: a crash leaves neither, and the re-run redoes both
        AlertSink.Quiet quietHours = AlertSink.Quiet.forFiring(quiet, zone);
        transactions.executeWithoutResult(tx -> alert(rule, firing, now, evaluation, channels, digest, lines, quietHours));
    }

    /**
     * The facts could not be read (ClickHouse down or refusing): the period is neither lost nor done. The try is
     * logged with its reason, and a one-off trigger runs the same period again after 1, 2, 4 … minutes (at most an
     * hour apart, until it succeeds), after quiet hours if the retry would fall inside them.
     */
    private void retryLater(Rule rule, Firing firing, Instant now, QuietHours quiet, ZoneId zone, ClickHouseException e) {
        int tries = firings.unavailableTries(firing) + 1;
        // whole seconds: Quartz keeps milliseconds, the log microseconds, and both must name the same instant
        Instant at = now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(Math.min(1L << Math.min(tries - 1, 6), RETRY_CAP_MINUTES)));
        if (quiet != null && quiet.contains(at, zone)) {
            at = quiet.endAfter(at, zone);
        }
        scheduler.retry(rule.id(), firing.recipient(), firing.period(), firing.asOf(), tries, at);
        firings.unavailable(firing, now, at, e.getMessage());
        log.warn("Rule {} for {} (period {}) could not read its facts, try {} again at {}: {}", rule.id(), firing.recipient(),
                firing.period(), tries, at, e.getMessage());
    }

    private void alert(Rule rule, Firing firing, Instant now, Evaluation evaluation, List<Channel> channels, boolean digest,
                       Lines lines, AlertSink.Quiet quiet) {
        UUID firingId = firings.evaluated(firing, now, evaluation);
        if (channels.isEmpty() || evaluation.matches().isEmpty()) {
            return;
        }
        Provenance provenance = Provenance.query(now, evaluation.sql());
        if (rule.type().summary()) {
            // a report, not a list of findings: one alert, the headline as its title, every line in its body
            List<Match> report = evaluation.matches();
            String body = report.stream().map(Match::line).collect(Collectors.joining("\n"));
            send(rule, firing, firingId, "summary", new AlertSink.Message(lines.single(rule.name(), report.get(0).line()),
                    body, null), channels, quiet, provenance);
            return;
        }
        if (digest) {
            List<Match> matches = evaluation.matches();
            String body = matches.stream().limit(DIGEST_LINES).map(Match::line).collect(Collectors.joining("\n"))
                    + (matches.size() > DIGEST_LINES ? "\n" + lines.more(matches.size() - DIGEST_LINES) : "");
            send(rule, firing, firingId, "digest", new AlertSink.Message(lines.digest(rule.name(), matches.size()), body, null),
                    channels, quiet, provenance);
            return;
        }
        for (Match match : evaluation.matches()) {
            send(rule, firing, firingId, match.subject(),
                    new AlertSink.Message(lines.single(rule.name(), match.line()), match.line(), match.link()), channels, quiet, provenance);
        }
    }

    // One alert per (rule, recipient, subject, period), whichever channel it went on: a re-run after the recipient
    // added a phone number does not send the same alert again by SMS.
    private void send(Rule rule, Firing firing, UUID firingId, String subject, AlertSink.Message message,
                      List<Channel> channels, AlertSink.Quiet quiet, Provenance provenance) {
        String key = "RULE:" + rule.id() + ":" + firing.recipient() + ":" + subject + ":" + firing.period();
        if (firings.alertedBefore(key)) {
            return;
        }
        sink.deliver(rule.id(), firing.recipient(), subject, firing.period(), message, channels, rule.escalation(), quiet, provenance)
                .ifPresent(delivery -> firings.alerted(firingId, key, delivery.id(), subject));
    }
}
