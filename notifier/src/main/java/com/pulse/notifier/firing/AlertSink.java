package com.pulse.notifier.firing;

import com.pulse.notifier.delivery.Deliveries;
import com.pulse.notifier.delivery.Delivery;
import com.pulse.notifier.delivery.DeliveryRequest;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.rules.Channel;
import java.time.Instant;
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
 * channel); the dispatcher sends it once, IN_APP into the inbox and {@code /user/queue/alerts}.
 */
@Component
class AlertSink {

    /** The generic template of the delivery log: {{title}}, {{body}}, {{link}}, in en and zh-CN. */
    static final String TEMPLATE = "ALERT";

    private static final Logger log = LoggerFactory.getLogger(AlertSink.class);

    /** What to tell, whatever the channel. */
    record Message(String title, String body, String link) {
    }

    private final Deliveries deliveries;
    private final Reachability reachability;

    AlertSink(Deliveries deliveries, Reachability reachability) {
        this.deliveries = deliveries;
        this.reachability = reachability;
    }

    /** The delivery enqueued (or found: the same key was enqueued before); empty when no channel reaches the recipient. */
    Optional<Delivery> deliver(UUID rule, String recipient, String subject, Instant period, Message message,
                               List<Channel> channels, Provenance provenance) {
        return deliver(rule, recipient, subject, period.toString(), message, channels, provenance);
    }

    /** As above, for a period that is not an instant (an event rule's period is the event's version). */
    Optional<Delivery> deliver(UUID rule, String recipient, String subject, String period, Message message,
                               List<Channel> channels, Provenance provenance) {
        Reachability.Address address = reachability.of(recipient);
        for (Channel channel : channels) {
            String to = switch (channel) {
                case IN_APP -> "";
                case SMS -> address.phone();
                case EMAIL -> address.email();
            };
            if (channel != Channel.IN_APP && (to == null || to.isBlank())) {
                continue;
            }
            Map<String, String> variables = new HashMap<>();
            variables.put("title", message.title());
            variables.put("body", message.body());
            if (message.link() != null) {
                variables.put("link", message.link());
            }
            return Optional.of(deliveries.enqueue(new DeliveryRequest(rule.toString(), recipient + ":" + subject,
                    period, com.pulse.notifier.delivery.Channel.valueOf(channel.name()), recipient,
                    channel == Channel.IN_APP ? null : to, address.locale(), TEMPLATE, variables, provenance)));
        }
        log.info("Rule {}: no channel of {} reaches {}", rule, channels, recipient);
        return Optional.empty();
    }
}
