package com.pulse.streams.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.EventFormatException;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.StageTransitioned;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SinkRowsTests {

    static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aFunnelCellBecomesARowVersionedByItsOffsetWithMoneyRoundedToTheColumnScale() {
        // given
        FunnelChanged cell = new FunnelChanged("COMPANY", "company", "PROPOSAL", 3, new BigDecimal("1093.45"), new BigDecimal("656.0675"), AT);

        // when
        Map<String, Object> row = FunnelRows.row(new ConsumerRecord<>("agg", 0, 42L, cell.key(), EventJson.write(cell)), Pipeline.DEFAULT);

        // then
        assertThat(row).containsEntry("stage", "PROPOSAL").containsEntry("stage_order", 4).containsEntry("count", 3L)
                .containsEntry("amount", new BigDecimal("1093.45")).containsEntry("weighted", new BigDecimal("656.07"))
                .containsEntry("changed_at", AT).containsEntry("version", 42L);
    }

    @Test
    void anUnreadableFunnelCellIsRefused() {
        assertThatThrownBy(() -> FunnelRows.row(new ConsumerRecord<>("agg", 0, 1L, "k", "nope".getBytes(StandardCharsets.UTF_8)), Pipeline.DEFAULT))
                .isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> FunnelRows.row(new ConsumerRecord<>("agg", 0, 1L, "k", null), Pipeline.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOpportunityEventBecomesOneVersionRowWithEveryField() {
        // given
        UUID id = UUID.randomUUID();
        OpportunitySnapshot s = new OpportunitySnapshot(id, UUID.randomUUID(), null, "Big deal", "CLOSED_WON", new BigDecimal("100.5"),
                "USD", new BigDecimal("722.30"), 100, "CLOSED", LocalDate.of(2026, 12, 1), AT, AT.minusSeconds(60), AT, false, 4);
        OpportunityChanged e = new OpportunityChanged(UUID.randomUUID(), id, 4, Operation.UPDATED, "u1", AT, s);

        // when
        Map<String, Object> row = OpportunityVersionRows.row(
                new ConsumerRecord<>("crm", 0, 7L, id.toString(), CloudEventCodec.encode(e, "/pulse/api")), Pipeline.DEFAULT);

        // then
        assertThat(row).containsEntry("id", id).containsEntry("version", 4L).containsEntry("event_id", e.eventId())
                .containsEntry("operation", "UPDATED").containsEntry("stage_order", 6).containsEntry("amount", new BigDecimal("100.50"))
                .containsEntry("amount_base", new BigDecimal("722.30")).containsEntry("owner_id", null)
                .containsEntry("expected_close_date", LocalDate.of(2026, 12, 1)).containsEntry("closed_at", AT)
                .containsEntry("deleted", 0);
        assertThat(row).hasSize(21);
    }

    @Test
    void aStageTransitionBecomesARowVersionedByTheOpportunityVersion() {
        // given
        UUID id = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        StageTransitioned created = new StageTransitioned(id, null, "PROSPECTING", AT, new BigDecimal("10.005"), null, 1);
        StageTransitioned moved = new StageTransitioned(id, "PROSPECTING", "CLOSED_WON", AT, new BigDecimal("10"), owner, 3);

        // when
        Map<String, Object> first = TransitionRows.row(new ConsumerRecord<>("t", 0, 9L, id.toString(), EventJson.write(created)), Pipeline.DEFAULT);
        Map<String, Object> won = TransitionRows.row(new ConsumerRecord<>("t", 0, 10L, id.toString(), EventJson.write(moved)), Pipeline.DEFAULT);

        // then
        assertThat(first).containsEntry("opportunity_id", id).containsEntry("version", 1L).containsEntry("from_stage", null)
                .containsEntry("from_stage_order", 0).containsEntry("to_stage", "PROSPECTING").containsEntry("to_stage_order", 1)
                .containsEntry("at", AT).containsEntry("amount_base", new BigDecimal("10.01")).containsEntry("owner_id", null);
        assertThat(won).containsEntry("version", 3L).containsEntry("from_stage_order", 1).containsEntry("to_stage_order", 6)
                .containsEntry("owner_id", owner);
    }

    @Test
    void aForecastCellBecomesARowForTheFirstDayOfItsMonthVersionedByItsOffset() {
        // given
        ForecastChanged cell = new ForecastChanged("OWNER", "u1", "2026-12", new BigDecimal("1"), new BigDecimal("2.005"),
                new BigDecimal("0.0049"), new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("5.0049"), AT);

        // when
        Map<String, Object> row = ForecastRows.row(new ConsumerRecord<>("f", 2, 77L, cell.key(), EventJson.write(cell)));

        // then
        assertThat(row).containsEntry("scope_type", "OWNER").containsEntry("scope_id", "u1")
                .containsEntry("month", LocalDate.of(2026, 12, 1)).containsEntry("closed_won", new BigDecimal("1.00"))
                .containsEntry("pipeline", new BigDecimal("2.01")).containsEntry("weighted", new BigDecimal("0.00"))
                .containsEntry("commit", new BigDecimal("3.00")).containsEntry("best_case", new BigDecimal("4.00"))
                .containsEntry("projected", new BigDecimal("5.00")).containsEntry("changed_at", AT).containsEntry("version", 77L);
        assertThatThrownBy(() -> ForecastRows.row(new ConsumerRecord<>("f", 0, 1L, "k", null))).isInstanceOf(IllegalArgumentException.class);
    }
}
