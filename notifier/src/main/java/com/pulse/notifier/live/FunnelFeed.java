package com.pulse.notifier.live;

import com.pulse.events.EventJson;
import com.pulse.events.EventFormatException;
import com.pulse.events.FunnelChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Reads funnel records off Kafka and hands them to the broadcaster. A record that is not a
 * funnel change is logged and skipped: a live feed must not stall behind one bad record, and
 * the authoritative funnel is in ClickHouse anyway.
 */
@Component
class FunnelFeed implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(FunnelFeed.class);

    private final FunnelBroadcaster broadcaster;

    FunnelFeed(FunnelBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        FunnelChanged change;
        try {
            change = record.value() == null ? null : EventJson.read(record.value(), FunnelChanged.class);
        } catch (EventFormatException e) {
            log.warn("Skipping unreadable funnel record {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (change == null || change.stage() == null || change.scopeType() == null) {
            log.warn("Skipping incomplete funnel record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        broadcaster.on(change);
    }
}
