package com.pulse.notifier.delivery;

import com.pulse.notifier.delivery.template.RenderedMessage;
import com.pulse.notifier.inbox.AlertService;
import com.pulse.notifier.inbox.NewAlert;

/**
 * IN_APP through the inbox: stored once (dedupe key {@code delivery:<id>}, so a resend after an unknown
 * outcome stores and pushes nothing new) and pushed on {@code /user/queue/alerts}.
 */
class InAppSender implements ChannelSender {

    private final AlertService alerts;

    InAppSender(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public SendOutcome send(Delivery d, RenderedMessage message) {
        NewAlert alert = new NewAlert(d.template(), message.subject(), message.text().strip(), d.variables().get("link"));
        return alerts.deliver(d.recipientUserId(), alert, "delivery:" + d.id())
                .map(stored -> new SendOutcome.Sent(stored.id().toString(), null))
                .orElseGet(() -> new SendOutcome.Sent(null, null));
    }
}
