package com.pulse.olap.funnel;

import com.pulse.clickhouse.ClickHouseSql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads what the flow funnel is computed from: the cohort of a scope and period in {@code opportunities}, and
 * stage transitions from {@code stage_transitions}. Both tables are read FINAL (one row per opportunity, one per
 * opportunity version, the latest applied version winning), so a redelivered or superseded row is never counted.
 * The counting is done in Java ({@link FlowFunnel}): consecutive transitions need window functions, which 18.16 lacks.
 */
@Component
class FlowReader {

    // The opportunities of a scope by their current owner and team (the latest version's): COMPANY all, TEAM those
    // whose team path (ids joined by '/', department first) has the team as an element, OWNER the owner's.
    // The scope type is bound too, so one statement serves every scope. A deleted opportunity counts nowhere.
    static final String IN_SCOPE = """
            deleted = 0
              AND (? = 'COMPANY'
                   OR (? = 'TEAM' AND has(splitByChar('/', team_path), ?))
                   OR (? = 'OWNER' AND toString(owner_id) = ?))""";

    // Period bounds are bound as UTC 'YYYY-MM-DD hh:mm:ss' text and turned into DateTime on the server.
    static final String COHORT_SQL = """
            SELECT count() AS cohort
            FROM opportunities FINAL
            WHERE created_at >= toDateTime(?, 'UTC') AND created_at < toDateTime(?, 'UTC')
              AND\s""" + IN_SCOPE;

    // Every transition of the cohort, the creation included; times as epoch seconds so no server zone shifts them.
    // The aliases differ from the column names: on 18.16 an alias named like a column shadows it in WHERE.
    static final String COHORT_TRANSITIONS_SQL = """
            SELECT toString(opportunity_id) AS opportunity, version, from_stage, to_stage, to_stage_order,
                   toUnixTimestamp(at) AS at_seconds
            FROM stage_transitions FINAL
            WHERE opportunity_id IN (
                SELECT id FROM opportunities FINAL
                WHERE created_at >= toDateTime(?, 'UTC') AND created_at < toDateTime(?, 'UTC')
                  AND\s""" + IN_SCOPE + ")";

    // Every transition of the scope's opportunities that moved during the period: the moves in the period
    // and the transitions before them, which say when the stage left was entered.
    static final String EXIT_TRANSITIONS_SQL = """
            SELECT toString(opportunity_id) AS opportunity, version, from_stage, to_stage, to_stage_order,
                   toUnixTimestamp(at) AS at_seconds
            FROM stage_transitions FINAL
            WHERE opportunity_id IN (
                SELECT opportunity_id FROM stage_transitions FINAL
                WHERE at >= toDateTime(?, 'UTC') AND at < toDateTime(?, 'UTC'))
              AND opportunity_id IN (SELECT id FROM opportunities FINAL WHERE\s""" + IN_SCOPE + ")";

    private final ClickHouseSql clickHouse;

    FlowReader(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    long cohort(FunnelScope scope, FlowPeriod period) {
        return Long.parseLong(String.valueOf(clickHouse.query(COHORT_SQL, params(scope, period)).get(0).get("cohort")));
    }

    List<Transition> cohortTransitions(FunnelScope scope, FlowPeriod period) {
        return clickHouse.query(COHORT_TRANSITIONS_SQL, params(scope, period)).stream().map(FlowReader::transition).toList();
    }

    List<Transition> exitTransitions(FunnelScope scope, FlowPeriod period) {
        return clickHouse.query(EXIT_TRANSITIONS_SQL, params(scope, period)).stream().map(FlowReader::transition).toList();
    }

    /** The bound values of every statement here, in order: the period's bounds, then the scope's. */
    static Object[] params(FunnelScope scope, FlowPeriod period) {
        return new Object[] {period.start(), period.end(),
                scope.type(), scope.type(), scope.id(), scope.type(), scope.id()};
    }

    private static Transition transition(Map<String, Object> row) {
        Object from = row.get("from_stage");
        return new Transition(
                (String) row.get("opportunity"),
                Long.parseLong(String.valueOf(row.get("version"))),
                from == null ? null : String.valueOf(from),
                (String) row.get("to_stage"),
                Integer.parseInt(String.valueOf(row.get("to_stage_order"))),
                Instant.ofEpochSecond(Long.parseLong(String.valueOf(row.get("at_seconds")))));
    }
}
