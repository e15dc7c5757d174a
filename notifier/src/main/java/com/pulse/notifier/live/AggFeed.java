package com.pulse.notifier.live;

import com.pulse.events.EventFormatException;
import com.pulse.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Reads aggregate records (funnel, forecast, KPIs) off Kafka and hands them to the broadcaster. A
 * record that is not a cell of its topic's type, or whose scope cannot be a destination, is logged and
 * skipped: a live feed must not stall behind one bad record, and the authoritative figures are in
 * ClickHouse anyway.
 */
@Component
class AggFeed implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(AggFeed.class);

    private final AggBroadcaster broadcaster;
    private final String prefix;

    AggFeed(AggBroadcaster broadcaster, @Value("${pulse.kafka.topic-prefix:}") String prefix) {
        this.broadcaster = broadcaster;
        this.prefix = prefix;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        AggKind kind = AggKind.byTopic(record.topic(), prefix).orElse(null);
        Object cell;
        try {
            cell = kind == null || record.value() == null ? null : EventJson.read(record.value(), kind.topic.valueType());
        } catch (EventFormatException e) {
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (cell == null || !kind.scopeOf(cell).valid() || !complete(cell)) {
            log.warn("Skipping incomplete record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        broadcaster.on(kind, cell);
    }

    // A funnel cell without a stage cannot be placed on a page (the cockpit keys cells by stage).
    private static boolean complete(Object cell) {
        return !(cell instanceof com.pulse.events.FunnelChanged f) || f.stage() != null;
    }
}
