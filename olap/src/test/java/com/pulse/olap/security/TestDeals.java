package com.pulse.olap.security;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Open opportunity facts of known owners and teams, for tests of data scopes. */
public final class TestDeals {

    private TestDeals() {
    }

    /** One open PROPOSAL deal of {@code amount} owned by {@code owner} in {@code team} (path department first). */
    public static void insert(ClickHouseSql clickHouse, String owner, String team, String teamPath, BigDecimal amount) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID().toString());
        row.put("version", 1);
        row.put("owner_id", owner);
        row.put("team_id", team);
        row.put("team_path", teamPath);
        row.put("account_id", null);
        row.put("industry", "(none)");
        row.put("region", "(none)");
        row.put("tier", "(none)");
        row.put("stage", "PROPOSAL");
        row.put("stage_order", 4);
        row.put("amount_base", amount);
        row.put("probability", 60);
        row.put("forecast_category", "BEST_CASE");
        row.put("expected_close_date", null);
        row.put("closed_at", null);
        row.put("created_at", "2026-11-01 00:00:00");
        row.put("updated_at", "2026-11-02 00:00:00");
        row.put("deleted", 0);
        row.put("created_month", "2026-11-01");
        row.put("expected_close_month", null);
        row.put("closed_month", null);
        clickHouse.insertJsonEachRow("opportunities", List.of(row));
    }
}
