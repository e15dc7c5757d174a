package com.pulse.notifier.firing;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.notifier.builtin.Lines;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.preferences.Preferences;
import com.pulse.notifier.preferences.PreferencesRepository;
import com.pulse.notifier.preferences.RecipientZones;
import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.Rule;
import com.pulse.notifier.rules.RuleRepository;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the event-triggered rules (BIG_DEAL_WON, BIG_DEAL_LOST, STAGE_MOVED_BACKWARDS) on one {@code crm.opportunities.v1} record: each
 * enabled rule whose condition the change meets alerts each of its recipients who, together with the rule's
 * owner, may see the deal's owner (the same scope as scheduled rules: a rep's rule never reports another rep's
 * deal). The alert goes through the delivery log under the key (rule, recipient:opportunity, v{version}, channel),
 * so the same record redelivered, or a duplicate of the same version, enqueues nothing new; its provenance is the
 * record's topic, partition and offset.
 *
 * <p>An alert that would arrive in the recipient's quiet hours (the rule's, else their own) waits in the delivery log
 * until they end, on the recipient's clock.
 */
@Component
public class EventRuleFiring {

    private static final List<RuleType> CLOSED = List.of(RuleType.BIG_DEAL_WON, RuleType.BIG_DEAL_LOST);

    private final RuleRepository rules;
    private final PreferencesRepository preferences;
    private final Reachability reachability;
    private final Scopes scopes;
    private final AlertSink sink;
    private final StageHistory history;
    private final RecipientZones zones;
    private final Clock clock;
    private final String baseCurrency;

    EventRuleFiring(RuleRepository rules, PreferencesRepository preferences, Reachability reachability, Scopes scopes,
                    AlertSink sink, StageHistory history, RecipientZones zones, ObjectProvider<Clock> clock,
                    @Value("${pulse.company.base-currency}") String baseCurrency) {
        this.rules = rules;
        this.preferences = preferences;
        this.reachability = reachability;
        this.scopes = scopes;
        this.sink = sink;
        this.history = history;
        this.zones = zones;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.baseCurrency = baseCurrency;
    }

    /** @return how many deliveries this record asked for (enqueued now or found enqueued before) */
    public int on(OpportunityChanged event, String topic, int partition, long offset) {
        Provenance provenance = Provenance.event(clock.instant(), topic, partition, offset);
        OpportunitySnapshot deal = event.snapshot();
        int deliveries = 0;
        for (RuleType type : CLOSED) {
            for (Rule rule : rules.enabledOfType(type)) {
                if (DealClosed.matches(type, rule.parameters(), event)) {
                    deliveries += alert(rule, event, provenance,
                            chinese -> DealClosed.line(type, deal, baseCurrency, chinese));
                }
            }
        }
        if (StageMovedBackwards.candidate(event)) {
            deliveries += onStageMove(event, provenance);
        }
        return deliveries;
    }

    private int onStageMove(OpportunityChanged event, Provenance provenance) {
        List<Rule> backwards = rules.enabledOfType(RuleType.STAGE_MOVED_BACKWARDS);
        if (backwards.isEmpty()) {
            return 0; // the history is asked only when a rule could fire
        }
        OpportunitySnapshot deal = event.snapshot();
        Optional<String> from = history.before(deal.id(), event.aggregateVersion(), deal.stage())
                .filter(stage -> StageMovedBackwards.backwards(stage, deal.stage()));
        if (from.isEmpty()) {
            return 0;
        }
        int deliveries = 0;
        for (Rule rule : backwards) {
            if (StageMovedBackwards.largeEnough(rule.parameters(), deal)) {
                deliveries += alert(rule, event, provenance,
                        chinese -> StageMovedBackwards.line(deal, from.get(), baseCurrency, chinese));
            }
        }
        return deliveries;
    }

    private int alert(Rule rule, OpportunityChanged event, Provenance provenance, Function<Boolean, String> lineIn) {
        OpportunitySnapshot deal = event.snapshot();
        Scope owner = scopes.of(rule.ownerId());
        int sent = 0;
        for (String recipient : rule.recipients()) {
            if (!owner.intersect(scopes.of(recipient)).includes(deal.ownerId().toString())) {
                continue;
            }
            Preferences prefs = preferences.find(recipient).orElse(Preferences.defaults());
            List<Channel> channels = prefs.allowed(rule.type(), rule.channels());
            if (channels.isEmpty()) {
                continue;
            }
            Reachability.Address address = reachability.of(recipient);
            String line = lineIn.apply(address.locale() != null && address.locale().startsWith("zh"));
            AlertSink.Message message = new AlertSink.Message(Lines.of(address.locale()).single(rule.name(), line), line,
                    "/api/v1/opportunities/" + deal.id());
            AlertSink.Quiet quiet = AlertSink.Quiet.forEvent(rule.quietHours() != null ? rule.quietHours() : prefs.quietHours(),
                    zones.zoneOf(recipient, null));
            if (sink.deliver(rule.id(), recipient, deal.id().toString(), "v" + event.aggregateVersion(), message,
                    channels, rule.escalation(), quiet, provenance).isPresent()) {
                sent++;
            }
        }
        return sent;
    }
}
