package com.pulse.notifier.bigdeal;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.EventFormatException;
import com.pulse.events.OpportunityChanged;
import com.pulse.notifier.firing.EventRuleFiring;
import com.pulse.notifier.inbox.AlertService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Reads {@code crm.opportunities.v1} and delivers the company-wide big-deal alert and the users' event-triggered
 * rules ({@link EventRuleFiring}). The container commits a record's
 * offset only after this returns, i.e. after the alert is stored; a crash in between redelivers the record,
 * and the dedupe key (inbox) or delivery key (rules) turns the second delivery into a no-op. A record that cannot be decoded is logged and
 * skipped (streams dead-letters it; the notifier must not stall on it).
 */
class OpportunityFeed implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(OpportunityFeed.class);

    private final BigDealRule rule;
    private final AlertService alerts;
    private final EventRuleFiring eventRules;

    OpportunityFeed(BigDealRule rule, AlertService alerts, EventRuleFiring eventRules) {
        this.rule = rule;
        this.alerts = alerts;
        this.eventRules = eventRules;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        OpportunityChanged event;
        try {
            event = CloudEventCodec.decode(record.value(), OpportunityChanged.class);
        } catch (EventFormatException e) {
            log.warn("Skipping unreadable opportunity record {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        on(event);
        eventRules.on(event, record.topic(), record.partition(), record.offset());
    }

    void on(OpportunityChanged event) {
        rule.on(event).ifPresent(alert ->
                alerts.deliver(event.snapshot().ownerId().toString(), alert, BigDealRule.dedupeKey(event)));
    }
}
