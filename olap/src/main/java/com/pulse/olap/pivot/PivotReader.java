package com.pulse.olap.pivot;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.Pivot;
import com.pulse.olap.query.PivotCompiler;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotQuery;
import com.pulse.olap.security.ScopeGuard;
import com.pulse.olap.system.QueryLimit;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers a pivot: validate against the catalogue, compile with the caller's data scope, read the finest groups
 * from ClickHouse (FINAL, values bound, {@code max_execution_time} set), assemble the matrix under the cell cap.
 */
@Component
public class PivotReader {

    private final ClickHouseSql clickHouse;
    private final ScopeGuard guard;
    private final ZoneId companyZone;
    private final Clock clock;
    private final QueryLimit limit;
    private final long maxCells;
    private final int maxExecutionSeconds;

    PivotReader(ClickHouseSql clickHouse, ScopeGuard guard, Clock clock, QueryLimit limit,
                @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone,
                @Value("${pulse.olap.pivot.max-cells:100000}") long maxCells,
                @Value("${pulse.olap.pivot.max-execution-seconds:10}") int maxExecutionSeconds) {
        this.clickHouse = clickHouse;
        this.guard = guard;
        this.companyZone = ZoneId.of(companyZone);
        this.clock = clock;
        this.limit = limit;
        this.maxCells = maxCells;
        this.maxExecutionSeconds = maxExecutionSeconds;
    }

    public PivotMatrix pivot(PivotQuery query) {
        Pivot pivot = query.validate(companyZone, clock);
        CompiledQuery compiled = PivotCompiler.compile(pivot, guard.dataScope(), maxCells, maxExecutionSeconds);
        // counted per user while ClickHouse works on it (an export's file is written after, outside the count)
        List<PivotCompiler.Group> groups = limit.run(guard.userId(), () -> clickHouse.query(compiled.sql(), compiled.paramArray()))
                .stream().map(row -> PivotCompiler.group(pivot, row)).toList();
        return PivotMatrix.assemble(pivot, groups, maxCells);
    }
}
