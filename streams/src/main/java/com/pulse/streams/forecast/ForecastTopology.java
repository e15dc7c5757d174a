package com.pulse.streams.forecast;

import com.pulse.events.EventSerdes;
import com.pulse.events.ForecastChanged;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Pipeline;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The forecast sums per scope and calendar month (METRICS.md §Forecast) from the applied opportunity versions.
 *
 * <pre>
 * applied versions → ForecastMember (month, owner, contributions) or null (counts nowhere)
 *   → KTable per opportunity (store forecast-members)
 *   ├→ groupBy "COMPANY:company:YYYY-MM"           → adder/subtractor (store forecast-company-month) ─┐
 *   └→ owner set → groupBy "OWNER:&lt;owner&gt;:YYYY-MM" → adder/subtractor (store forecast-owner-month)   ─┴→ raw cells
 * </pre>
 * A deal that moves month, stage, category or amount leaves its old cell (subtractor) and enters the new
 * one (adder). The raw cells (each deal in its own month) go to the scopes task
 * ({@link com.pulse.streams.dimensions.ScopesTopology}), which adds the team scopes, moves overdue deals into
 * the current month, joins the targets and publishes {@code pulse.agg.forecast.v1}.
 */
public final class ForecastTopology {

    private static final Serde<ForecastMember> MEMBER = EventSerdes.json(ForecastMember.class);
    public static final Serde<ForecastCell> CELL = EventSerdes.json(ForecastCell.class);

    private ForecastTopology() {
    }

    /**
     * @param applied only versions newer than the last applied one, keyed by opportunity id
     * @return every change of a COMPANY or OWNER cell, key = {@link ForecastChanged#key}, value = the raw cell
     */
    public static KStream<String, ForecastCell> build(KStream<String, OpportunityChanged> applied, Pipeline pipeline, ZoneId zone) {
        KTable<String, ForecastMember> members = applied
                .mapValues(e -> ForecastMember.of(e.snapshot(), pipeline, zone), Named.as("forecast-member"))
                .toTable(Named.as("forecast-members-table"), Materialized.<String, ForecastMember, KeyValueStore<Bytes, byte[]>>as("forecast-members")
                        .withKeySerde(Serdes.String()).withValueSerde(MEMBER));

        KStream<String, ForecastCell> company =
                cells(members, "company", (id, m) -> ForecastChanged.key(ForecastChanged.COMPANY, "company", m.month()));
        // Deals without an owner count for the company only.
        KStream<String, ForecastCell> owners = cells(members.filter((id, m) -> m.ownerId() != null, Named.as("forecast-owned")), "owner",
                (id, m) -> ForecastChanged.key(ForecastChanged.OWNER, m.ownerId().toString(), m.month()));
        return company.merge(owners, Named.as("forecast-raw-cells"));
    }

    private interface CellKey {
        String of(String opportunityId, ForecastMember member);
    }

    private static KStream<String, ForecastCell> cells(KTable<String, ForecastMember> members, String scope, CellKey key) {
        return members.groupBy((id, m) -> KeyValue.pair(key.of(id, m), m), Grouped.with("forecast-by-" + scope + "-month", Serdes.String(), MEMBER))
                .aggregate(ForecastCell::empty,
                        (cellKey, member, cell) -> cell.plus(member),
                        (cellKey, member, cell) -> cell.minus(member),
                        Named.as("forecast-" + scope + "-cells"),
                        Materialized.<String, ForecastCell, KeyValueStore<Bytes, byte[]>>as("forecast-" + scope + "-month")
                                .withKeySerde(Serdes.String()).withValueSerde(CELL))
                .toStream(Named.as("forecast-" + scope + "-changes"))
                .filter((k, cell) -> cell != null, Named.as("forecast-" + scope + "-present"));
    }
}
