package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opportunities and stage transitions whose flow funnel can be worked out by hand from METRICS.md §Funnel, for
 * October 2026 in the company zone: [2026-10-01, 2026-11-01) Asia/Shanghai = [2026-09-30 16:00, 2026-10-31 16:00) UTC.
 * Times below are UTC. Team D is a department with team A below it (path "D/A"); team E stands alone.
 *
 * <pre>
 * O1 REP1 D/A  created 10-02 PROSPECTING, 10-04 QUALIFICATION, 10-07 NEEDS_ANALYSIS (an older version had REP2/E)
 * O2 REP1 D/A  created 10-03 QUALIFICATION, 10-05 12:00 CLOSED_WON          (won, skipping stages)
 * O3 REP1 D/A  created 10-05 PROSPECTING, 10-06 PROPOSAL, 10-10 CLOSED_LOST (the lost move delivered twice)
 * O4 REP1 D/A  created 10-02 PROSPECTING, 10-03 NEGOTIATION                 (deleted: counts nowhere)
 * O5 REP1 D/A  created 09-20 PROSPECTING, 09-30 16:00 QUALIFICATION (= from), 10-31 16:00 PROPOSAL (= to)
 * O6 REP2 E    created 10-08 NEEDS_ANALYSIS, 10-09 NEGOTIATION, 10-11 QUALIFICATION (back), 10-12 CLOSED_LOST,
 *              10-14 PROSPECTING (reopened)
 * O7 REP2 E    created 09-30 16:00 PROSPECTING                               (created at from: in the cohort)
 * O8 REP2 E    created 10-31 16:00 PROSPECTING, 11-02 QUALIFICATION          (created at to: not in the cohort)
 * </pre>
 */
final class FlowFixture {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final FlowPeriod OCTOBER = new FlowPeriod(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"), ZONE);

    static final String D = "d0000000-0000-4000-8000-0000000000d1";
    static final String A = "a0000000-0000-4000-8000-0000000000a1";
    static final String E = "e0000000-0000-4000-8000-0000000000e1";
    static final String REP1 = "0a000000-0000-4000-8000-000000000001";
    static final String REP2 = "0b000000-0000-4000-8000-000000000002";
    static final String O1 = "f1000000-0000-4000-8000-000000000001";
    static final String O2 = "f2000000-0000-4000-8000-000000000002";
    static final String O3 = "f3000000-0000-4000-8000-000000000003";
    static final String O4 = "f4000000-0000-4000-8000-000000000004";
    static final String O5 = "f5000000-0000-4000-8000-000000000005";
    static final String O6 = "f6000000-0000-4000-8000-000000000006";
    static final String O7 = "f7000000-0000-4000-8000-000000000007";
    static final String O8 = "f8000000-0000-4000-8000-000000000008";

    private FlowFixture() {
    }

    /** The latest version of every opportunity. */
    static List<Map<String, Object>> opportunities() {
        String da = D + "/" + A;
        return List.of(
                opportunity(O1, 5, REP1, da, "2026-10-02 00:00:00", 0),
                opportunity(O2, 2, REP1, da, "2026-10-03 00:00:00", 0),
                opportunity(O3, 3, REP1, da, "2026-10-05 00:00:00", 0),
                opportunity(O4, 3, REP1, da, "2026-10-02 00:00:00", 1),
                opportunity(O5, 3, REP1, da, "2026-09-20 00:00:00", 0),
                opportunity(O6, 5, REP2, E, "2026-10-08 00:00:00", 0),
                opportunity(O7, 1, REP2, E, "2026-09-30 16:00:00", 0),
                opportunity(O8, 2, REP2, E, "2026-10-31 16:00:00", 0));
    }

    /** Versions the latest ones above supersede: read without FINAL they would move O1 to REP2/E and undelete O4. */
    static List<Map<String, Object>> supersededOpportunities() {
        return List.of(
                opportunity(O1, 1, REP2, E, "2026-10-02 00:00:00", 0),
                opportunity(O4, 2, REP1, D + "/" + A, "2026-10-02 00:00:00", 0));
    }

    static List<Map<String, Object>> transitions() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(transition(O1, 1, null, "PROSPECTING", "2026-10-02 00:00:00"));
        rows.add(transition(O1, 2, "PROSPECTING", "QUALIFICATION", "2026-10-04 00:00:00"));
        rows.add(transition(O1, 4, "QUALIFICATION", "NEEDS_ANALYSIS", "2026-10-07 00:00:00"));
        rows.add(transition(O2, 1, null, "QUALIFICATION", "2026-10-03 00:00:00"));
        rows.add(transition(O2, 2, "QUALIFICATION", "CLOSED_WON", "2026-10-05 12:00:00"));
        rows.add(transition(O3, 1, null, "PROSPECTING", "2026-10-05 00:00:00"));
        rows.add(transition(O3, 2, "PROSPECTING", "PROPOSAL", "2026-10-06 00:00:00"));
        rows.add(lostO3());
        rows.add(transition(O4, 1, null, "PROSPECTING", "2026-10-02 00:00:00"));
        rows.add(transition(O4, 2, "PROSPECTING", "NEGOTIATION", "2026-10-03 00:00:00"));
        rows.add(transition(O5, 1, null, "PROSPECTING", "2026-09-20 00:00:00"));
        rows.add(transition(O5, 2, "PROSPECTING", "QUALIFICATION", "2026-09-30 16:00:00"));
        rows.add(transition(O5, 3, "QUALIFICATION", "PROPOSAL", "2026-10-31 16:00:00"));
        rows.add(transition(O6, 1, null, "NEEDS_ANALYSIS", "2026-10-08 00:00:00"));
        rows.add(transition(O6, 2, "NEEDS_ANALYSIS", "NEGOTIATION", "2026-10-09 00:00:00"));
        rows.add(transition(O6, 3, "NEGOTIATION", "QUALIFICATION", "2026-10-11 00:00:00"));
        rows.add(transition(O6, 4, "QUALIFICATION", "CLOSED_LOST", "2026-10-12 00:00:00"));
        rows.add(transition(O6, 5, "CLOSED_LOST", "PROSPECTING", "2026-10-14 00:00:00"));
        rows.add(transition(O7, 1, null, "PROSPECTING", "2026-09-30 16:00:00"));
        rows.add(transition(O8, 1, null, "PROSPECTING", "2026-10-31 16:00:00"));
        rows.add(transition(O8, 2, "PROSPECTING", "QUALIFICATION", "2026-11-02 00:00:00"));
        return rows;
    }

    /** O3's move to CLOSED_LOST; delivered a second time, it must still count as one exit from PROPOSAL. */
    static Map<String, Object> lostO3() {
        return transition(O3, 3, "PROPOSAL", "CLOSED_LOST", "2026-10-10 00:00:00");
    }

    private static Map<String, Object> opportunity(String id, long version, String owner, String teamPath,
                                                   String createdAt, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("owner_id", owner);
        row.put("team_id", teamPath.substring(teamPath.lastIndexOf('/') + 1));
        row.put("team_path", teamPath);
        row.put("account_id", null);
        row.put("industry", "(none)");
        row.put("region", "(none)");
        row.put("tier", "(none)");
        row.put("stage", "PROSPECTING");
        row.put("stage_order", 1);
        row.put("amount_base", new BigDecimal("100.00"));
        row.put("probability", 10);
        row.put("forecast_category", "PIPELINE");
        row.put("expected_close_date", null);
        row.put("closed_at", null);
        row.put("created_at", createdAt);
        row.put("updated_at", "2026-11-20 00:00:00");
        row.put("deleted", deleted);
        row.put("created_month", createdAt.substring(0, 8) + "01");
        row.put("expected_close_month", null);
        row.put("closed_month", null);
        return row;
    }

    private static Map<String, Object> transition(String id, long version, String from, String to, String at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunity_id", id);
        row.put("version", version);
        row.put("from_stage", from);
        row.put("from_stage_order", from == null ? 0 : order(from));
        row.put("to_stage", to);
        row.put("to_stage_order", order(to));
        row.put("at", at);
        row.put("amount_base", new BigDecimal("100.00"));
        row.put("owner_id", null);
        return row;
    }

    private static int order(String stage) {
        return Pipeline.DEFAULT.stage(stage).map(PipelineStage::order).orElseThrow();
    }
}
