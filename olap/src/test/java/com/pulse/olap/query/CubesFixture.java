package com.pulse.olap.query;

import static com.pulse.olap.query.PivotFixture.A;
import static com.pulse.olap.query.PivotFixture.D;
import static com.pulse.olap.query.PivotFixture.E;
import static com.pulse.olap.query.PivotFixture.R1;
import static com.pulse.olap.query.PivotFixture.R2;
import static com.pulse.olap.query.PivotFixture.R3;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage transitions, leads, activities and targets whose pivots are worked out by hand in the tests, beside the
 * opportunities of {@link PivotFixture} (the transitions take their owner, team path and region from them). Company
 * zone Asia/Shanghai (UTC+8). Times below are UTC; "sh" is the company's day where it differs.
 *
 * <pre>
 * transitions  opp  version from           to             at (UTC)                       amount
 * T1           P1   1       -              PROSPECTING    2026-01-05 02:00               100.00
 * T2           P2   1       -              PROSPECTING    2026-01-10 02:00               200.00
 * T3           P2   2       PROSPECTING    CLOSED_WON     2026-02-09 16:30 (sh 02-10)    200.00
 * T4           P3   1       -              QUALIFICATION  2026-03-02 02:00               300.00
 * T5           P3   2       QUALIFICATION  CLOSED_LOST    2026-03-31 15:59:59 (sh 23:59:59) 300.00
 * T6           P4   1       -              PROSPECTING    2026-04-03 02:00               999.00  (owner R3 then)
 * T7           P4   3       PROSPECTING    NEGOTIATION    2026-04-05 17:00 (sh Mon 04-06) 400.00  delivered twice
 * T8           P5   1       -              CLOSED_WON     2026-03-31 16:00 (sh 04-01)    50.50
 * T9           P6   1       -              PROPOSAL       2026-01-20 02:00              1000.00  P6 deleted: nowhere
 * T10          P9   1       -              PROSPECTING    2026-01-20 02:00                 1.00  no such opportunity
 *
 * leads  owner team source    campaign status        created (UTC)                 closed (UTC)
 * L1     R1    D/A  WEB       C1       CONVERTED     2026-01-05 02:00              2026-01-20 02:00
 * L2     R1    D/A  WEB       C1       DISQUALIFIED  2026-01-06 02:00              2026-02-02 02:00
 * L3     R2    D/A  REFERRAL  -        NEW           2026-02-10 02:00              -      (older version: E, CONVERTED)
 * L4     R3    E    WEB       C2       CONVERTED     2026-01-31 16:30 (sh 02-01)   2026-03-01 02:00
 * L5     R3    E    ''        -        WORKING       2026-03-15 02:00              -
 * L6     R2    D/A  WEB       C1       CONVERTED     2026-01-07 02:00  deleted: nowhere
 * L7     -     -    EVENT     -        DISQUALIFIED  2026-03-20 02:00              2026-03-21 02:00
 *
 * activities type     owner team due (UTC)          completed (UTC)
 * X1         CALL     R1    D/A  2026-01-10 02:00   2026-01-09 02:00
 * X2         CALL     R1    D/A  2026-01-12 02:00   -                  overdue (older version: VISIT in E)
 * X3         VISIT    R2    D/A  2030-06-01 02:00   -                  due later: not overdue
 * X4         EMAIL    R3    E    -                  2026-02-28 16:30 (sh 03-01)
 * X5         MEETING  R3    E    2026-02-01 02:00   2026-02-03 02:00
 * X6         CALL     R1    D/A  2026-01-10 02:00   -                  deleted: nowhere
 *
 * targets scope     period          metric       value
 * G1      TEAM A    YEAR 2026       WON_AMOUNT   1000000.00
 * G2      TEAM D    QUARTER 2026-Q1 WON_AMOUNT    300000.00
 * G3      TEAM E    MONTH 2026-02   NEW_LEADS         50.00
 * G4      USER R1   MONTH 2026-01   WON_AMOUNT     10000.50  (older version: 99999.00)
 * G5      USER R3   MONTH 2026-01   ACTIVITIES        40.00
 * G6      USER R2   YEAR 2027       WON_AMOUNT      5000.00
 * G7      TEAM A    YEAR 2026       NEW_LEADS        777.00  deleted: nowhere
 * </pre>
 */
public final class CubesFixture {

    public static final String C1 = "c1000000-0000-4000-8000-0000000000c1";
    public static final String C2 = "c2000000-0000-4000-8000-0000000000c2";
    static final String P9 = "f9000000-0000-4000-8000-000000000009";

    private CubesFixture() {
    }

    /** The current rows, then (for each table) versions or copies that FINAL must collapse. */
    public static List<Map<String, Object>> transitions() {
        return List.of(
                transition(PivotFixture.P1, 1, null, "PROSPECTING", "2026-01-05 02:00:00", "100.00", R1),
                transition(PivotFixture.P2, 1, null, "PROSPECTING", "2026-01-10 02:00:00", "200.00", R1),
                transition(PivotFixture.P2, 2, "PROSPECTING", "CLOSED_WON", "2026-02-09 16:30:00", "200.00", R1),
                transition(PivotFixture.P3, 1, null, "QUALIFICATION", "2026-03-02 02:00:00", "300.00", R2),
                transition(PivotFixture.P3, 2, "QUALIFICATION", "CLOSED_LOST", "2026-03-31 15:59:59", "300.00", R2),
                transition(PivotFixture.P4, 1, null, "PROSPECTING", "2026-04-03 02:00:00", "999.00", R3),
                transition(PivotFixture.P4, 3, "PROSPECTING", "NEGOTIATION", "2026-04-05 17:00:00", "400.00", R2),
                transition(PivotFixture.P5, 1, null, "CLOSED_WON", "2026-03-31 16:00:00", "50.50", R3),
                transition(PivotFixture.P6, 1, null, "PROPOSAL", "2026-01-20 02:00:00", "1000.00", R3),
                transition(P9, 1, null, "PROSPECTING", "2026-01-20 02:00:00", "1.00", R1));
    }

    /** T7 delivered a second time: the same key, counted twice unless read FINAL. */
    public static List<Map<String, Object>> transitionsAgain() {
        return List.of(transition(PivotFixture.P4, 3, "PROSPECTING", "NEGOTIATION", "2026-04-05 17:00:00", "400.00", R2));
    }

    public static final String L1 = "11000000-0000-4000-8000-000000000001";
    public static final String L3 = "11000000-0000-4000-8000-000000000003";

    public static List<Map<String, Object>> leads() {
        String da = D + "/" + A;
        return List.of(
                lead(L1, 2, R1, A, da, "WEB", C1, "CONVERTED", "2026-01-05 02:00:00", "2026-01-20 02:00:00", 0),
                lead("11000000-0000-4000-8000-000000000002", 2, R1, A, da, "WEB", C1, "DISQUALIFIED", "2026-01-06 02:00:00",
                        "2026-02-02 02:00:00", 0),
                lead(L3, 2, R2, A, da, "REFERRAL", null, "NEW", "2026-02-10 02:00:00", null, 0),
                lead("11000000-0000-4000-8000-000000000004", 2, R3, E, E, "WEB", C2, "CONVERTED", "2026-01-31 16:30:00",
                        "2026-03-01 02:00:00", 0),
                lead("11000000-0000-4000-8000-000000000005", 2, R3, E, E, "", null, "WORKING", "2026-03-15 02:00:00", null, 0),
                lead("11000000-0000-4000-8000-000000000006", 2, R2, A, da, "WEB", C1, "CONVERTED", "2026-01-07 02:00:00",
                        "2026-01-08 02:00:00", 1),
                lead("11000000-0000-4000-8000-000000000007", 2, null, null, "", "EVENT", null, "DISQUALIFIED", "2026-03-20 02:00:00",
                        "2026-03-21 02:00:00", 0));
    }

    public static List<Map<String, Object>> supersededLeads() {
        return List.of(lead(L3, 1, R3, E, E, "REFERRAL", null, "CONVERTED", "2026-02-10 02:00:00", "2026-02-11 02:00:00", 0));
    }

    public static final String X2 = "22000000-0000-4000-8000-000000000002";

    public static List<Map<String, Object>> activities() {
        String da = D + "/" + A;
        return List.of(
                activity("22000000-0000-4000-8000-000000000001", 2, "CALL", R1, A, da, "2026-01-10 02:00:00", "2026-01-09 02:00:00", 0),
                activity(X2, 2, "CALL", R1, A, da, "2026-01-12 02:00:00", null, 0),
                activity("22000000-0000-4000-8000-000000000003", 2, "VISIT", R2, A, da, "2030-06-01 02:00:00", null, 0),
                activity("22000000-0000-4000-8000-000000000004", 2, "EMAIL", R3, E, E, null, "2026-02-28 16:30:00", 0),
                activity("22000000-0000-4000-8000-000000000005", 2, "MEETING", R3, E, E, "2026-02-01 02:00:00", "2026-02-03 02:00:00", 0),
                activity("22000000-0000-4000-8000-000000000006", 2, "CALL", R1, A, da, "2026-01-10 02:00:00", null, 1));
    }

    public static List<Map<String, Object>> supersededActivities() {
        return List.of(activity(X2, 1, "VISIT", R3, E, E, "2026-01-12 02:00:00", "2026-01-11 02:00:00", 0));
    }

    public static final String G4 = "33000000-0000-4000-8000-000000000004";

    public static List<Map<String, Object>> targets() {
        return List.of(
                target("33000000-0000-4000-8000-000000000001", 2, "TEAM", A, "YEAR", "2026", "2026-01-01", "WON_AMOUNT", "1000000.00", 0),
                target("33000000-0000-4000-8000-000000000002", 2, "TEAM", D, "QUARTER", "2026-Q1", "2026-01-01", "WON_AMOUNT", "300000.00", 0),
                target("33000000-0000-4000-8000-000000000003", 2, "TEAM", E, "MONTH", "2026-02", "2026-02-01", "NEW_LEADS", "50.00", 0),
                target(G4, 2, "USER", R1, "MONTH", "2026-01", "2026-01-01", "WON_AMOUNT", "10000.50", 0),
                target("33000000-0000-4000-8000-000000000005", 2, "USER", R3, "MONTH", "2026-01", "2026-01-01", "ACTIVITIES", "40.00", 0),
                target("33000000-0000-4000-8000-000000000006", 2, "USER", R2, "YEAR", "2027", "2027-01-01", "WON_AMOUNT", "5000.00", 0),
                target("33000000-0000-4000-8000-000000000007", 2, "TEAM", A, "YEAR", "2026", "2026-01-01", "NEW_LEADS", "777.00", 1));
    }

    public static List<Map<String, Object>> supersededTargets() {
        return List.of(target(G4, 1, "USER", R1, "MONTH", "2026-01", "2026-01-01", "WON_AMOUNT", "99999.00", 0));
    }

    static Map<String, Object> transition(String opportunity, long version, String from, String to, String at,
                                          String amount, String owner) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunity_id", opportunity);
        row.put("version", version);
        row.put("from_stage", from);
        row.put("from_stage_order", from == null ? 0 : 1);
        row.put("to_stage", to);
        row.put("to_stage_order", 2);
        row.put("at", at);
        row.put("amount_base", new BigDecimal(amount));
        row.put("owner_id", owner);
        return row;
    }

    private static Map<String, Object> lead(String id, long version, String owner, String team, String path, String source,
                                            String campaign, String status, String createdAt, String closedAt, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("owner_id", owner);
        row.put("team_id", team);
        row.put("team_path", path);
        row.put("source", source);
        row.put("campaign_id", campaign);
        row.put("status", status);
        row.put("created_at", createdAt);
        row.put("closed_at", closedAt);
        row.put("updated_at", "2026-05-01 00:00:00");
        row.put("deleted", deleted);
        row.put("created_month", companyMonth(createdAt));
        row.put("closed_month", closedAt == null ? null : companyMonth(closedAt));
        return row;
    }

    private static Map<String, Object> activity(String id, long version, String type, String owner, String team, String path,
                                                String dueAt, String completedAt, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("type", type);
        row.put("owner_id", owner);
        row.put("team_id", team);
        row.put("team_path", path);
        row.put("account_id", null);
        row.put("opportunity_id", null);
        row.put("due_at", dueAt);
        row.put("completed_at", completedAt);
        row.put("created_at", "2026-01-01 00:00:00");
        row.put("updated_at", "2026-05-01 00:00:00");
        row.put("deleted", deleted);
        row.put("completed_month", completedAt == null ? null : companyMonth(completedAt));
        return row;
    }

    private static Map<String, Object> target(String id, long version, String scopeType, String scopeId, String periodType,
                                              String period, String periodStart, String metric, String value, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("period_type", periodType);
        row.put("period", period);
        row.put("period_start", periodStart);
        row.put("metric", metric);
        row.put("value", new BigDecimal(value));
        row.put("deleted", deleted);
        row.put("updated_at", "2026-05-01 00:00:00");
        return row;
    }

    private static String companyMonth(String utc) {
        return LocalDateTime.parse(utc.replace(' ', 'T')).plusHours(8).toLocalDate().withDayOfMonth(1).toString();
    }
}
