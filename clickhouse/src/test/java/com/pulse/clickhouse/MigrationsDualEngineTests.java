package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.SampleRows;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("dual-engine")
class MigrationsDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(MigrationsDualEngineTests.class);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void everyMigrationAppliesOnBothEnginesAndLeavesTheSameSchema() {
        // when
        engines.migrate();

        // then
        List<Integer> all = Migrations.all().stream().map(Migration::version).toList();
        for (DualEngine.Engine engine : engines.engines()) {
            assertThat(engine.sql().query("SELECT version FROM schema_migrations FINAL ORDER BY version"))
                    .as(engine.name()).extracting(row -> ((Number) row.get("version")).intValue()).isEqualTo(all);
        }
        List<String> tables = SampleRows.tables(engines.server());
        assertThat(SampleRows.tables(engines.chdb())).isEqualTo(tables);
        for (String table : tables) {
            assertThat(SampleRows.columns(engines.chdb(), table)).as(table).isEqualTo(SampleRows.columns(engines.server(), table));
        }
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        // given
        engines.migrate();

        // when / then
        assertThat(Migrations.applyTo(engines.server())).isEmpty();
        assertThat(engines.chdb().migrate()).isEmpty();
    }
}
