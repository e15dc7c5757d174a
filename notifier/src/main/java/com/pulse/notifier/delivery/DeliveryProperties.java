package com.pulse.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.delivery.*}: the delivery log's dispatcher and retries.
 *
 * @param defaultLocale  the template locale of a recipient who has none (every template has it)
 * @param enabled        whether this instance runs a dispatcher (enqueuing works either way)
 * @param threads        sends in flight at once on this instance; also the most rows it holds claimed
 * @param pollInterval   how long an idle dispatcher waits before looking for due rows again
 * @param lease          how long a claimed (SENDING) row belongs to its dispatcher; a row still SENDING
 *                       after that lost its dispatcher mid-send (see {@code unknownOutcome})
 * @param unknownOutcome what to do with such a row: {@code resend} (at least once: the provider may
 *                       have accepted it) or {@code give-up} (at most once: it becomes FAILED)
 * @param maxAttempts    attempts before transient failures end as FAILED
 * @param initialBackoff wait after the first transient failure; doubles with each further one
 * @param maxBackoff     the longest wait between attempts
 */
@ConfigurationProperties("pulse.notifier.delivery")
public record DeliveryProperties(
        @DefaultValue("en") String defaultLocale,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int threads,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("resend") UnknownOutcome unknownOutcome,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff) {

    public DeliveryProperties {
        if (threads < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("pulse.notifier.delivery.threads and .max-attempts must be at least 1");
        }
    }

    /** The policy for a row whose dispatcher stopped between claiming and recording it. */
    public enum UnknownOutcome {
        RESEND, GIVE_UP
    }
}
