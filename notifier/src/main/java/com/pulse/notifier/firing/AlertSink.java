package com.pulse.notifier.firing;

import com.pulse.notifier.delivery.Deliveries;
import com.pulse.notifier.delivery.DeliveryClock;
import com.pulse.notifier.delivery.Delivery;
import com.pulse.notifier.delivery.DeliveryRequest;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.Escalation;
import com.pulse.notifier.schedule.QuietHours;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes a rule's alert through the delivery log on the first of the rule's channels (in the rule's order of
 * preference, minus those the recipient switched off) on which the recipient can be reached: IN_APP always,
 * SMS with a phone number, EMAIL with an address. The delivery key is (rule, recipient:subject, period,
 * channel); the dispatcher sends it once, IN_APP into the inbox and {@code /user/queue/alerts}. A rule's
 * escalation adds the next reachable channel, sent only if the in-app alert is still unread by then.
 */
@Component
class AlertSink {

    /** The generic template of the delivery log: {{title}}, {{body}}, {{link}}, in en and zh-CN. */
    static final String TEMPLATE = "ALERT";

    private static final Logger log = LoggerFactory.getLogger(AlertSink.class);

    /** What to tell, whatever the channel. */
    record Message(String title, String body, String link) {
    }

    /**
     * The recipient's quiet hours on their clock; a delivery that would fall inside waits until they end.
     * {@code firstPlaced}: a scheduled firing already ran outside them (RuleFiring defers the whole firing), so only
     * an escalation is checked; an event alert checks both.
     */
    record Quiet(QuietHours hours, ZoneId zone, boolean firstPlaced) {

        static Quiet forEvent(QuietHours hours, ZoneId zone) {
            return new Quiet(hours, zone, false);
        }

        static Quiet forFiring(QuietHours hours, ZoneId zone) {
            return new Quiet(hours, zone, true);
        }

        Instant after(Instant due) {
            return hours != null && hours.contains(due, zone) ? hours.endAfter(due, zone) : due;
        }

        Instant first(Instant now) {
            return firstPlaced ? now : after(now);
        }
    }

    private final Deliveries deliveries;
    private final Reachability reachability;
    private final Clock clock;

    AlertSink(Deliveries deliveries, Reachability reachability, DeliveryClock clock) {
        this.deliveries = deliveries;
        this.reachability = reachability;
        this.clock = clock.clock();
    }

    /** The delivery enqueued (or found: the same key was enqueued before); empty when no channel reaches the recipient. */
    Optional<Delivery> deliver(UUID rule, String recipient, String subject, Instant period, Message message,
                               List<Channel> channels, Escalation escalation, Quiet quiet, Provenance provenance) {
        return deliver(rule, recipient, subject, period.toString(), message, channels, escalation, quiet, provenance);
    }

    /**
     * As above, for a period that is not an instant (an event rule's period is the event's version). With an
     * escalation and an in-app first delivery, the next reachable channel gets the same alert too, due
     * {@code afterMinutes} after the in-app one and cancelled at that time if it was read by then. A delivery whose
     * time falls in the recipient's quiet hours waits until they end (deferred, never dropped).
     */
    Optional<Delivery> deliver(UUID rule, String recipient, String subject, String period, Message message,
                               List<Channel> channels, Escalation escalation, Quiet quiet, Provenance provenance) {
        Reachability.Address address = reachability.of(recipient);
        List<Channel> reachable = channels.stream().filter(c -> c == Channel.IN_APP || present(to(c, address))).toList();
        if (reachable.isEmpty()) {
            log.info("Rule {}: no channel of {} reaches {}", rule, channels, recipient);
            return Optional.empty();
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("title", message.title());
        variables.put("body", message.body());
        if (message.link() != null) {
            variables.put("link", message.link());
        }
        Channel first = reachable.get(0);
        Instant now = clock.instant();
        Instant due = quiet.first(now);
        Delivery delivery = deliveries.enqueue(request(rule, recipient, subject, period, first, address, variables,
                provenance, due.equals(now) ? null : due, null));
        if (escalation != null && first == Channel.IN_APP && reachable.size() > 1) {
            // counted from when the in-app alert is due: now, or the end of quiet hours
            deliveries.enqueue(request(rule, recipient, subject, period, reachable.get(1), address, variables, provenance,
                    quiet.after(delivery.nextAttemptAt().plus(escalation.after())), delivery.id()));
        }
        return Optional.of(delivery);
    }

    private static DeliveryRequest request(UUID rule, String recipient, String subject, String period, Channel channel,
                                           Reachability.Address address, Map<String, String> variables,
                                           Provenance provenance, Instant notBefore, UUID unlessRead) {
        return new DeliveryRequest(rule.toString(), recipient + ":" + subject, period,
                com.pulse.notifier.delivery.Channel.valueOf(channel.name()), recipient,
                channel == Channel.IN_APP ? null : to(channel, address), address.locale(), TEMPLATE, variables, provenance,
                notBefore, unlessRead);
    }

    private static String to(Channel channel, Reachability.Address address) {
        return switch (channel) {
            case IN_APP -> "";
            case SMS -> address.phone();
            case EMAIL -> address.email();
        };
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
