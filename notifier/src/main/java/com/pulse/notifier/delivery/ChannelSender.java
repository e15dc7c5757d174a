package com.pulse.notifier.delivery;

import com.pulse.notifier.delivery.template.RenderedMessage;

/**
 * Hands one rendered message to one channel's provider. Implementations classify every failure as
 * {@link SendOutcome.Transient} or {@link SendOutcome.Permanent} and never throw for a provider's refusal.
 */
public interface ChannelSender {

    Channel channel();

    SendOutcome send(Delivery delivery, RenderedMessage message);
}
