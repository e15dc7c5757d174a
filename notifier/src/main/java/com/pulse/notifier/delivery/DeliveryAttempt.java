package com.pulse.notifier.delivery;

import com.pulse.notifier.delivery.template.RenderedMessage;
import com.pulse.notifier.delivery.template.Templates;
import com.pulse.notifier.delivery.template.UnknownTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one claimed delivery: render, hand to the channel, record the outcome. A transient
 * failure is retried after {@link Backoff} until {@code maxAttempts}, then FAILED; a permanent one is
 * FAILED_PERMANENT at once.
 */
class DeliveryAttempt {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

    private final DeliveryRepository repository;
    private final Templates templates;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;

    DeliveryAttempt(DeliveryRepository repository, Templates templates, List<ChannelSender> senders, Backoff backoff,
                    int maxAttempts, Clock clock) {
        this.repository = repository;
        this.templates = templates;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    void run(Delivery d) {
        if (d.unlessRead() != null && repository.cancelIfRead(d)) {
            log.debug("Delivery {} ({}) cancelled: the in-app alert it escalates was read", d.id(), d.channel());
            return;
        }
        SendOutcome outcome = send(d);
        // A dispatcher stopped with shutdownNow interrupts its workers; the send may already have reached the
        // provider, so its outcome is still written (JDBC on an interrupted thread would fail), and only then
        // the interrupt is restored.
        boolean interrupted = Thread.interrupted();
        try {
            record(d, outcome);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SendOutcome send(Delivery d) {
        ChannelSender sender = senders.get(d.channel());
        if (sender == null) {
            return new SendOutcome.Permanent(d.channel() + " is not available on this notifier");
        }
        try {
            RenderedMessage message = templates.render(d.template(), d.locale(), d.variables());
            return sender.send(d, message);
        } catch (UnknownTemplate e) {
            return new SendOutcome.Permanent(e.getMessage());
        } catch (RuntimeException e) {
            // an unexpected failure: not known to be permanent, so it gets the retries
            log.warn("Delivery {} ({}) failed unexpectedly", d.id(), d.channel(), e);
            return new SendOutcome.Transient(e.toString());
        }
    }

    private void record(Delivery d, SendOutcome outcome) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean recorded;
        if (outcome instanceof SendOutcome.Sent sent) {
            recorded = repository.sent(d, now, sent);
        } else if (outcome instanceof SendOutcome.Permanent p) {
            recorded = repository.failed(d, DeliveryStatus.FAILED_PERMANENT, p.error(), now);
        } else {
            String error = ((SendOutcome.Transient) outcome).error();
            recorded = d.attempts() >= maxAttempts
                    ? repository.failed(d, DeliveryStatus.FAILED, "gave up after " + d.attempts() + " attempts: " + error, now)
                    : repository.failed(d, DeliveryStatus.RETRYING, error, now.plus(backoff.after(d.attempts())));
        }
        if (!recorded) {
            log.warn("Delivery {} lost its claim before its outcome ({}) was recorded: its lease ran out", d.id(), outcome);
        } else if (!(outcome instanceof SendOutcome.Sent)) {
            log.info("Delivery {} ({}) attempt {} failed: {}", d.id(), d.channel(), d.attempts(), outcome);
        }
    }
}
