package com.pulse.streams.dimensions;

import com.pulse.events.EventJson;
import com.pulse.events.OwnerTeams;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store {@code dim-owner-teams} (owner id → team and team path) from {@code pulse.agg.owner-teams.v1},
 * which the scopes task writes in order (one partition of input, one writer per key): the latest record wins.
 */
final class OwnerTeamsDimProcessor implements Processor<String, byte[], Void, Void> {

    static final String STORE = "dim-owner-teams";

    private KeyValueStore<String, OwnerTeams> owners;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        owners = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            owners.delete(record.key());
            return;
        }
        owners.put(record.key(), EventJson.read(record.value(), OwnerTeams.class));
    }
}
