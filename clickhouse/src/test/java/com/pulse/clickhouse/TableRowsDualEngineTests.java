package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.SampleRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every table the migrations create takes the same JSONEachRow batch on both engines and reads it back equal. */
@Tag("dual-engine")
class TableRowsDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(TableRowsDualEngineTests.class);
        engines.migrate();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void aBatchForEveryTableLoadsOnBothEnginesAndReadsBackAsInserted() {
        List<String> tables = SampleRows.tables(engines.server());
        assertThat(tables).contains("funnel_snapshot", "opportunity_versions", "stage_transitions", "forecast_month");
        for (String table : tables) {
            // given
            engines.execute("TRUNCATE TABLE " + table);
            List<Map<String, Object>> rows = SampleRows.forTable(engines.server(), table);

            // when
            engines.insertJsonEachRow(table, rows);

            // then
            List<Map<String, String>> read = engines.sameCellsInAnyOrder("SELECT * FROM " + table);
            assertThat(read).as(table).isEqualTo(Cells.sorted(rows));
            assertThat(engines.sameCellsInAnyOrder("SELECT * FROM " + table + " FINAL")).as(table + " FINAL").isEqualTo(read);
        }
    }
}
