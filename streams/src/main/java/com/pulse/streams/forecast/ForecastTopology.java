package com.pulse.streams.forecast;

import com.pulse.events.EventSerdes;
import com.pulse.events.ForecastChanged;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Pipeline;
import com.pulse.streams.TopicNames;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The forecast per scope and calendar month (METRICS.md §Forecast) from the applied opportunity versions.
 *
 * <pre>
 * applied versions → ForecastMember (month, owner, contributions) or null (counts nowhere)
 *   → KTable per opportunity (store forecast-members)
 *   ├→ groupBy "COMPANY:company:YYYY-MM"           → adder/subtractor (store forecast-company-month) ─┐
 *   └→ owner set → groupBy "OWNER:&lt;owner&gt;:YYYY-MM" → adder/subtractor (store forecast-owner-month)   ─┴→ pulse.agg.forecast.v1
 * </pre>
 * A deal that moves month, stage, category or amount leaves its old cell (subtractor) and enters the new
 * one (adder); both cells are published. Emptied cells are published with zeros, never deleted.
 * Targets, attainment, gap, coverage, overdue deals in the current month and the monthly freeze are not
 * computed here yet (see DESIGN.md).
 */
public final class ForecastTopology {

    private static final Serde<ForecastMember> MEMBER = EventSerdes.json(ForecastMember.class);
    private static final Serde<ForecastCell> CELL = EventSerdes.json(ForecastCell.class);
    private static final Serde<ForecastChanged> CHANGED = EventSerdes.json(ForecastChanged.class);

    private ForecastTopology() {
    }

    /** @param applied only versions newer than the last applied one, keyed by opportunity id */
    public static void build(KStream<String, OpportunityChanged> applied, TopicNames topics, Pipeline pipeline, ZoneId zone) {
        KTable<String, ForecastMember> members = applied
                .mapValues(e -> ForecastMember.of(e.snapshot(), pipeline, zone), Named.as("forecast-member"))
                .toTable(Named.as("forecast-members-table"), Materialized.<String, ForecastMember, KeyValueStore<Bytes, byte[]>>as("forecast-members")
                        .withKeySerde(Serdes.String()).withValueSerde(MEMBER));

        cells(members, "company", (id, m) -> ForecastChanged.key(ForecastChanged.COMPANY, "company", m.month()), topics);
        // Deals without an owner count for the company only.
        cells(members.filter((id, m) -> m.ownerId() != null, Named.as("forecast-owned")), "owner",
                (id, m) -> ForecastChanged.key(ForecastChanged.OWNER, m.ownerId().toString(), m.month()), topics);
    }

    private interface CellKey {
        String of(String opportunityId, ForecastMember member);
    }

    private static void cells(KTable<String, ForecastMember> members, String scope, CellKey key, TopicNames topics) {
        members.groupBy((id, m) -> KeyValue.pair(key.of(id, m), m), Grouped.with("forecast-by-" + scope + "-month", Serdes.String(), MEMBER))
                .aggregate(ForecastCell::empty,
                        (cellKey, member, cell) -> cell.plus(member),
                        (cellKey, member, cell) -> cell.minus(member),
                        Named.as("forecast-" + scope + "-cells"),
                        Materialized.<String, ForecastCell, KeyValueStore<Bytes, byte[]>>as("forecast-" + scope + "-month")
                                .withKeySerde(Serdes.String()).withValueSerde(CELL))
                .toStream(Named.as("forecast-" + scope + "-changes"))
                .processValues(ToForecastChanged::new, Named.as("forecast-" + scope + "-changed"))
                .to(topics.aggForecast(), Produced.with(Serdes.String(), CHANGED).withName("agg-forecast-" + scope));
    }

    /** Stamps the cell with the time of the change that moved it (the input record's timestamp). */
    private static final class ToForecastChanged implements FixedKeyProcessor<String, ForecastCell, ForecastChanged> {

        private FixedKeyProcessorContext<String, ForecastChanged> context;

        @Override
        public void init(FixedKeyProcessorContext<String, ForecastChanged> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, ForecastCell> record) {
            ForecastCell cell = record.value();
            if (cell == null) {
                return;
            }
            // key = scopeType:scopeId:YYYY-MM; neither a scope type, a UUID nor a month contains ':'
            String key = record.key();
            int first = key.indexOf(':');
            int last = key.lastIndexOf(':');
            context.forward(record.withValue(new ForecastChanged(key.substring(0, first), key.substring(first + 1, last),
                    key.substring(last + 1), cell.closedWon(), cell.pipeline(), cell.weighted(), cell.commit(), cell.bestCase(),
                    cell.projected(), Instant.ofEpochMilli(record.timestamp()))));
        }
    }
}
