package com.pulse.notifier;

import com.pulse.clickhouse.ClickHouseGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fact rows written into the test class's ClickHouse database as streams writes them (V007 opportunities, V003 stage
 * transitions, V013 activities, V014 targets): month columns in the company's calendar (Asia/Shanghai), a later version of an id
 * replacing the earlier under FINAL. Owners carry their team and team path (department first, ids joined by '/').
 */
public final class Facts {

    static final ZoneId COMPANY = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ClickHouseGateway clickHouse;
    private final Map<UUID, String[]> teams = new LinkedHashMap<>();

    public Facts(ClickHouseGateway clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** The owner's team and team path, for every fact of theirs written after. */
    public Facts owner(UUID user, UUID team, String teamPath) {
        teams.put(user, new String[] {team == null ? null : team.toString(), teamPath});
        return this;
    }

    /** A closed deal (the id of the api's row, so names resolve), {@code deleted} as streams applies a recycle-bin move. */
    public void closedDeal(UUID id, UUID owner, String stage, String amountBase, Instant closed, boolean deleted) {
        Map<String, Object> row = deal(id, owner, stage, amountBase, closed.minusSeconds(86_400L * 30), deleted);
        row.put("probability", "CLOSED_WON".equals(stage) ? 100 : 0);
        row.put("forecast_category", "CLOSED_WON".equals(stage) ? "CLOSED" : "OMITTED");
        row.put("closed_at", time(closed));
        row.put("closed_month", month(closed));
        row.put("updated_at", time(closed));
        clickHouse.insertJsonEachRow("opportunities", List.of(row));
    }

    /** An open deal of {@code owner}, created at {@code created}. */
    public UUID openDeal(UUID owner, String stage, String amountBase, Instant created) {
        UUID id = UUID.randomUUID();
        clickHouse.insertJsonEachRow("opportunities", List.of(deal(id, owner, stage, amountBase, created, false)));
        return id;
    }

    /**
     * An open deal (the id of the api's row) with its moves as streams writes them (V007, V003): created in
     * PROSPECTING at {@code created} and moved to {@code stage} at {@code entered}, or created in {@code stage} when
     * {@code entered} is null; {@code deleted} as a recycle-bin move leaves it.
     */
    public void dealInStage(UUID id, UUID owner, String stage, String amountBase, Instant created, Instant entered, boolean deleted) {
        clickHouse.insertJsonEachRow("opportunities", List.of(deal(id, owner, stage, amountBase, created, deleted)));
        transition(id, 1, null, entered == null ? stage : "PROSPECTING", created, amountBase, owner);
        if (entered != null) {
            transition(id, 2, "PROSPECTING", stage, entered, amountBase, owner);
        }
    }

    /** One move of a deal's stage ({@code from} null: its creation), version = the deal's version that made it. */
    public void transition(UUID id, long version, String from, String to, Instant at, String amountBase, UUID owner) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunity_id", id.toString());
        row.put("version", version);
        row.put("from_stage", from);
        row.put("from_stage_order", from == null ? 0 : 1);
        row.put("to_stage", to);
        row.put("to_stage_order", 2);
        row.put("at", time(at));
        row.put("amount_base", new BigDecimal(amountBase));
        row.put("owner_id", owner.toString());
        clickHouse.insertJsonEachRow("stage_transitions", List.of(row));
    }

    public void activity(String type, UUID owner, Instant due, Instant completed, boolean deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID().toString());
        row.put("version", 1);
        row.put("type", type);
        putOwner(row, owner);
        row.put("account_id", null);
        row.put("opportunity_id", null);
        row.put("due_at", due == null ? null : time(due));
        row.put("completed_at", completed == null ? null : time(completed));
        row.put("created_at", "2027-01-01 00:00:00");
        row.put("updated_at", "2027-01-01 00:00:00");
        row.put("deleted", deleted ? 1 : 0);
        row.put("completed_month", completed == null ? null : month(completed));
        clickHouse.insertJsonEachRow("activities", List.of(row));
    }

    /** A target (the id of the api's row) with {@code period} in the api's form (2027, 2027-Q2, 2027-06). */
    public void target(UUID id, String scopeType, UUID scopeId, String period, String metric, String value, boolean deleted) {
        String type = period.length() == 4 ? "YEAR" : period.contains("Q") ? "QUARTER" : "MONTH";
        int year = Integer.parseInt(period.substring(0, 4));
        LocalDate start = switch (type) {
            case "YEAR" -> LocalDate.of(year, 1, 1);
            case "QUARTER" -> LocalDate.of(year, (Integer.parseInt(period.substring(6)) - 1) * 3 + 1, 1);
            default -> LocalDate.of(year, Integer.parseInt(period.substring(5)), 1);
        };
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id.toString());
        row.put("version", deleted ? 2 : 1);
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId.toString());
        row.put("period_type", type);
        row.put("period", period);
        row.put("period_start", start.toString());
        row.put("metric", metric);
        row.put("value", new BigDecimal(value));
        row.put("deleted", deleted ? 1 : 0);
        row.put("updated_at", "2027-01-01 00:00:00");
        clickHouse.insertJsonEachRow("targets", List.of(row));
    }

    private Map<String, Object> deal(UUID id, UUID owner, String stage, String amountBase, Instant created, boolean deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id.toString());
        row.put("version", deleted ? 3 : 2);
        putOwner(row, owner);
        row.put("account_id", null);
        row.put("industry", "(none)");
        row.put("region", "(none)");
        row.put("tier", "(none)");
        row.put("stage", stage);
        row.put("stage_order", 1);
        row.put("amount_base", new BigDecimal(amountBase));
        row.put("probability", 10);
        row.put("forecast_category", "PIPELINE");
        row.put("expected_close_date", null);
        row.put("closed_at", null);
        row.put("created_at", time(created));
        row.put("updated_at", time(created));
        row.put("deleted", deleted ? 1 : 0);
        row.put("created_month", month(created));
        row.put("expected_close_month", null);
        row.put("closed_month", null);
        return row;
    }

    private void putOwner(Map<String, Object> row, UUID owner) {
        String[] team = teams.getOrDefault(owner, new String[] {null, ""});
        row.put("owner_id", owner.toString());
        row.put("team_id", team[0]);
        row.put("team_path", team[1]);
    }

    private static String time(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(TIME);
    }

    /** The first day of the company's month of the instant, as streams fills the month columns. */
    private static String month(Instant instant) {
        return instant.atZone(COMPANY).toLocalDate().withDayOfMonth(1).toString();
    }
}
