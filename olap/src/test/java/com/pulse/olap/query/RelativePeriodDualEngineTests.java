package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Relative periods over {@link PivotFixture} on ClickHouse 18.16 and chDB 26.5, with the clock on either side of the
 * company's midnight that starts the second quarter (Asia/Shanghai, UTC+8): the pivot counts and the records of the
 * same filter are the hand-worked facts on both engines.
 */
@Tag("dual-engine")
class RelativePeriodDualEngineTests {

    // 00:30 on Wednesday April 1st 2026 in the company zone, and 23:59 on Tuesday March 31st
    static final Clock APRIL_FIRST = Clock.fixed(Instant.parse("2026-03-31T16:30:00Z"), ZoneOffset.UTC);
    static final Clock MARCH_LAST = Clock.fixed(Instant.parse("2026-03-31T15:59:00Z"), ZoneOffset.UTC);
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(RelativePeriodDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("opportunities", PivotFixture.superseded());
        engines.insertJsonEachRow("opportunities", PivotFixture.opportunities());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void closedDatesCountFromTheCompanysToday() {
        // closed (company days): P2 Feb 10, P3 Mar 31 23:59:59, P5 Apr 1 00:00
        assertThat(count("closedDate", "last_quarter", APRIL_FIRST)).isEqualTo(2);   // P2 P3
        assertThat(count("closedDate", "this_quarter", APRIL_FIRST)).isEqualTo(1);   // P5
        assertThat(count("closedDate", "this_quarter", MARCH_LAST)).isEqualTo(2);    // P2 P3
        assertThat(count("closedDate", "next_quarter", MARCH_LAST)).isEqualTo(1);    // P5
        assertThat(count("closedDate", "this_month", APRIL_FIRST)).isEqualTo(1);     // P5
        assertThat(count("closedDate", "last_month", APRIL_FIRST)).isEqualTo(1);     // P3
        assertThat(count("closedDate", "this_day", APRIL_FIRST)).isEqualTo(1);       // P5
        assertThat(count("closedDate", "last_day", APRIL_FIRST)).isEqualTo(1);       // P3
        assertThat(count("closedDate", "last_day", MARCH_LAST)).isEqualTo(0);        // March 30th
        assertThat(count("closedDate", "this_week", APRIL_FIRST)).isEqualTo(2);      // Mon Mar 30 – Sun Apr 5: P3 P5
        assertThat(count("closedDate", "last_week", APRIL_FIRST)).isEqualTo(0);
        assertThat(count("closedDate", "last_7_days", APRIL_FIRST)).isEqualTo(2);    // Mar 26 – Apr 1
        assertThat(count("closedDate", "last_50_days", APRIL_FIRST)).isEqualTo(2);   // from Feb 11: P2 on the 10th out
        assertThat(count("closedDate", "last_51_days", APRIL_FIRST)).isEqualTo(3);   // from Feb 10
        assertThat(count("closedDate", "this_year", APRIL_FIRST)).isEqualTo(3);
        assertThat(count("closedDate", "last_year", APRIL_FIRST)).isEqualTo(0);
    }

    @Test
    void calendarDatesAndCreationDatesToo() {
        // expected close: P1 Mar 31, P2 Feb 15, P3 Mar 20, P4 Apr 1, P5 Mar 31 (P6 deleted, P7 none)
        assertThat(count("expectedCloseDate", "this_quarter", APRIL_FIRST)).isEqualTo(1);
        assertThat(count("expectedCloseDate", "last_quarter", APRIL_FIRST)).isEqualTo(4);
        assertThat(count("expectedCloseDate", "this_month", MARCH_LAST)).isEqualTo(3);
        // created in April: P4 P7
        assertThat(count("createdDate", "this_month", APRIL_FIRST)).isEqualTo(2);
    }

    // The pivot's count on both engines, and the same number of records through the drill-through.
    private static long count(String field, String period, Clock clock) {
        List<Filter> filters = List.of(Filter.relative(field, period));
        Pivot pivot = PivotQueryTests.query(List.of(), List.of(), List.of("count"), filters).validate(PivotQueryTests.SHANGHAI, clock);
        CompiledQuery compiled = PivotCompiler.compile(pivot, DataScope.ALL, 1000, 30);
        List<List<Map<String, Object>>> answers = engines.queryBoth(compiled.sql(), compiled.paramArray());
        assertThat(Cells.of(answers.get(1))).isEqualTo(Cells.of(answers.get(0)));
        long count = Long.parseLong(String.valueOf(answers.get(0).get(0).get("c_count")));

        Records records = new RecordsQuery("opportunities", filters, Map.of(), 500, null).validate(PivotQueryTests.SHANGHAI, clock);
        CompiledQuery drill = RecordsCompiler.compile(records, DataScope.ALL, 30);
        List<List<Map<String, Object>>> rows = engines.queryBoth(drill.sql(), drill.paramArray());
        assertThat(Cells.of(rows.get(1))).isEqualTo(Cells.of(rows.get(0)));
        assertThat((long) rows.get(0).size()).as(field + " " + period).isEqualTo(count);
        return count;
    }
}
