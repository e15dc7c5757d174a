package com.pulse.olap.pivot;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.Records;
import com.pulse.olap.query.RecordsCompiler;
import com.pulse.olap.query.RecordsPage;
import com.pulse.olap.query.RecordsQuery;
import com.pulse.olap.security.ScopeGuard;
import com.pulse.olap.system.QueryLimit;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers a drill-through: validate, compile with the caller's data scope (the same as the pivot's), read one page
 * from ClickHouse under the pivot's time limit.
 */
@Component
class RecordsReader {

    private final ClickHouseSql clickHouse;
    private final ScopeGuard guard;
    private final ZoneId companyZone;
    private final Clock clock;
    private final QueryLimit limit;
    private final int maxExecutionSeconds;

    RecordsReader(ClickHouseSql clickHouse, ScopeGuard guard, Clock clock, QueryLimit limit,
                  @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone,
                  @Value("${pulse.olap.pivot.max-execution-seconds:10}") int maxExecutionSeconds) {
        this.clickHouse = clickHouse;
        this.guard = guard;
        this.companyZone = ZoneId.of(companyZone);
        this.clock = clock;
        this.limit = limit;
        this.maxExecutionSeconds = maxExecutionSeconds;
    }

    RecordsPage records(RecordsQuery query) {
        Records records = query.validate(companyZone, clock);
        CompiledQuery compiled = RecordsCompiler.compile(records, guard.dataScope(), maxExecutionSeconds);
        return RecordsCompiler.page(records, limit.run(guard.userId(), () -> clickHouse.query(compiled.sql(), compiled.paramArray())));
    }
}
