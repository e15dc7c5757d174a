package com.pulse.olap.query;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opportunities whose pivots are worked out by hand in the tests. Company zone Asia/Shanghai (UTC+8); the month
 * columns are the company's months, as streams writes them. Team D is a department with team A below it
 * ("D/A"); team E stands alone; P7 has no owner, no team and no path.
 *
 * <pre>
 *      owner team region  stage        amount  prob created     closed_at (UTC)      closed  expected
 * P1   R1    D/A  East    PROSPECTING  100.00  10   2026-01-05  -                    -       2026-03-31
 * P2   R1    D/A  East    CLOSED_WON   200.00  100  2026-01-10  2026-02-10 00:00:00  2026-02 2026-02-15
 * P3   R2    D/A  West    CLOSED_LOST  300.00  0    2026-03-02  2026-03-31 15:59:59  2026-03 2026-03-20
 *                                                               (= 03-31 23:59:59 in the company zone)
 * P4   R2    D/A  West    NEGOTIATION  400.00  80   2026-04-03  -                    -       2026-04-01
 * P5   R3    E    ''      CLOSED_WON    50.50  100  2026-03-15  2026-03-31 16:00:00  2026-04 2026-03-31
 *                                                               (= 04-01 00:00 in the company zone)
 * P6   R3    E    East    PROPOSAL    1000.00  60   2026-01-20  deleted: counts nowhere
 * P7   -     -    North   QUALIFICATION 10.00  20   2026-04-20  -                    -       -
 * </pre>
 * Superseded versions (older than the rows above): P4 in team E at PROSPECTING for 999.00, P6 not deleted; read
 * without FINAL they would be counted.
 */
public final class PivotFixture {

    public static final String D = "d0000000-0000-4000-8000-0000000000d1";
    public static final String A = "a0000000-0000-4000-8000-0000000000a1";
    public static final String E = "e0000000-0000-4000-8000-0000000000e1";
    public static final String R1 = "0a000000-0000-4000-8000-000000000001";
    public static final String R2 = "0a000000-0000-4000-8000-000000000002";
    public static final String R3 = "0e000000-0000-4000-8000-000000000003";
    public static final String P1 = "f1000000-0000-4000-8000-000000000001";
    public static final String P2 = "f2000000-0000-4000-8000-000000000002";
    public static final String P3 = "f3000000-0000-4000-8000-000000000003";
    public static final String P4 = "f4000000-0000-4000-8000-000000000004";
    public static final String P5 = "f5000000-0000-4000-8000-000000000005";
    public static final String P6 = "f6000000-0000-4000-8000-000000000006";
    public static final String P7 = "f7000000-0000-4000-8000-000000000007";

    private PivotFixture() {
    }

    /** The latest version of each opportunity. */
    public static List<Map<String, Object>> opportunities() {
        String da = D + "/" + A;
        return List.of(
                row(P1, 3, R1, A, da, "East", "PROSPECTING", "100.00", 10, "2026-01-05 00:00:00", null, "2026-03-31", 0),
                row(P2, 3, R1, A, da, "East", "CLOSED_WON", "200.00", 100, "2026-01-10 00:00:00", "2026-02-10 00:00:00", "2026-02-15", 0),
                row(P3, 3, R2, A, da, "West", "CLOSED_LOST", "300.00", 0, "2026-03-02 00:00:00", "2026-03-31 15:59:59", "2026-03-20", 0),
                row(P4, 3, R2, A, da, "West", "NEGOTIATION", "400.00", 80, "2026-04-03 00:00:00", null, "2026-04-01", 0),
                row(P5, 3, R3, E, E, "", "CLOSED_WON", "50.50", 100, "2026-03-15 00:00:00", "2026-03-31 16:00:00", "2026-03-31", 0),
                row(P6, 3, R3, E, E, "East", "PROPOSAL", "1000.00", 60, "2026-01-20 00:00:00", null, null, 1),
                row(P7, 3, null, null, "", "North", "QUALIFICATION", "10.00", 20, "2026-04-20 00:00:00", null, null, 0));
    }

    /** Versions the ones above supersede. */
    public static List<Map<String, Object>> superseded() {
        return List.of(
                row(P4, 1, R3, E, E, "West", "PROSPECTING", "999.00", 10, "2026-04-03 00:00:00", null, "2026-04-01", 0),
                row(P6, 2, R3, E, E, "East", "PROPOSAL", "1000.00", 60, "2026-01-20 00:00:00", null, null, 0));
    }

    private static Map<String, Object> row(String id, long version, String owner, String team, String path, String region,
                                           String stage, String amount, int probability, String createdAt, String closedAt,
                                           String expectedClose, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("owner_id", owner);
        row.put("team_id", team);
        row.put("team_path", path);
        row.put("account_id", null);
        row.put("industry", "Retail");
        row.put("region", region);
        row.put("tier", "(none)");
        row.put("stage", stage);
        row.put("stage_order", 1);
        row.put("amount_base", new BigDecimal(amount));
        row.put("probability", probability);
        row.put("forecast_category", "PIPELINE");
        row.put("expected_close_date", expectedClose);
        row.put("closed_at", closedAt);
        row.put("created_at", createdAt);
        row.put("updated_at", "2026-05-01 00:00:00");
        row.put("deleted", deleted);
        // the company's months (UTC+8): every created_at above is the same day there
        row.put("created_month", createdAt.substring(0, 8) + "01");
        row.put("expected_close_month", expectedClose == null ? null : expectedClose.substring(0, 8) + "01");
        row.put("closed_month", closedAt == null ? null : companyMonth(closedAt));
        return row;
    }

    private static String companyMonth(String utc) {
        return java.time.LocalDateTime.parse(utc.replace(' ', 'T')).plusHours(8).toLocalDate().withDayOfMonth(1).toString();
    }
}
