package com.pulse.streams.dimensions;

import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.CloudEventCodec;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store {@code dim-accounts} (account id → industry, region, tier) from {@code crm.accounts.v1},
 * version-filtered like every entity. A global processor has no output, so a record it cannot decode is logged and
 * skipped (the sink never reads this topic; nothing else depends on it). Kafka Streams replays the topic through this
 * processor on restore, so the filter holds there too.
 */
final class AccountDimProcessor implements Processor<String, byte[], Void, Void> {

    static final String STORE = "dim-accounts";
    private static final Logger log = LoggerFactory.getLogger(AccountDimProcessor.class);

    /** An account's pivot dimensions. */
    record AccountDim(String industry, String region, String tier, long version) {
    }

    private KeyValueStore<String, AccountDim> accounts;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        accounts = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        AccountChanged e;
        try {
            e = CloudEventCodec.decode(record.value(), AccountChanged.class);
        } catch (RuntimeException poison) {
            log.warn("skipping an account record that is not an AccountChanged (key {}): {}", record.key(), poison.getMessage());
            return;
        }
        AccountSnapshot s = e.snapshot();
        if (s == null) {
            return;
        }
        String id = e.aggregateId().toString();
        AccountDim current = accounts.get(id);
        if (current != null && e.aggregateVersion() <= current.version()) {
            return;
        }
        accounts.put(id, new AccountDim(s.industry(), s.region(), s.tier(), e.aggregateVersion()));
    }
}
