package com.pulse.notifier.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one recipient on one channel, as a rule asks for it.
 *
 * <p>The delivery key is ({@code rule}, {@code subject}, {@code period}, {@code channel}): enqueuing the
 * same key again is a no-op, so a rule may be evaluated again, a trigger redelivered or a second
 * instance may race, and the recipient still gets one message. {@code period} is what tells firings of
 * one rule apart (a date for a daily rule, {@code 2026-11} for a monthly one, an event version …).
 *
 * @param rule      the rule id, or a system rule's name such as {@code BIG_DEAL_WON}
 * @param address   the E.164 number (SMS) or email address (EMAIL); ignored for IN_APP
 * @param locale    the recipient's language tag ({@code en}, {@code zh-CN}); null for the default
 * @param template  the template name, a folder under {@code classpath:templates/delivery/}
 * @param variables the values of the template's {@code {{macros}}}, by dotted name ({@code contact.name});
 *                  {@code link} is also the in-app alert's link
 * @param notBefore the row is not sent before this instant (an escalation's wait); null: at once
 * @param unlessRead an IN_APP delivery: when its inbox alert has been read by {@code notBefore}, this delivery is
 *                   CANCELLED instead of sent (escalation); null: always sent
 */
public record DeliveryRequest(String rule, String subject, String period, Channel channel, String recipientUserId,
                              String address, String locale, String template, Map<String, String> variables,
                              Provenance provenance, Instant notBefore, UUID unlessRead) {

    /** A delivery to send at once. */
    public DeliveryRequest(String rule, String subject, String period, Channel channel, String recipientUserId,
                           String address, String locale, String template, Map<String, String> variables,
                           Provenance provenance) {
        this(rule, subject, period, channel, recipientUserId, address, locale, template, variables, provenance, null,
                null);
    }

    public DeliveryRequest {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipientUserId, "recipientUserId");
        Objects.requireNonNull(template, "template");
        if (channel != Channel.IN_APP && (address == null || address.isBlank())) {
            throw new IllegalArgumentException(channel + " needs an address");
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        provenance = provenance == null ? Provenance.none() : provenance;
        if (unlessRead != null && notBefore == null) {
            throw new IllegalArgumentException("an escalation (unlessRead) needs notBefore: the time it waits for the read");
        }
    }
}
