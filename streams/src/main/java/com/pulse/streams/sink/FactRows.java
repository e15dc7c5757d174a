package com.pulse.streams.sink;

import com.pulse.events.ActivityFact;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.EventJson;
import com.pulse.events.LeadFact;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Lead and activity facts ({@code pulse.agg.leads.v1}, {@code pulse.agg.activities.v1}) and target snapshots
 * ({@code crm.targets.v1}) as rows of {@code leads}, {@code activities} and {@code targets}: one row per id under FINAL,
 * version = the aggregate version, so a redelivered record is the same row. Months in the company time zone.
 */
final class FactRows {

    static final String LEADS = "leads";
    static final String ACTIVITIES = "activities";
    static final String TARGETS = "targets";

    private FactRows() {
    }

    static Map<String, Object> lead(byte[] value, ZoneId zone) {
        LeadFact f = EventJson.read(require(value), LeadFact.class);
        if (f.leadId() == null || f.status() == null || f.createdAt() == null || f.updatedAt() == null) {
            throw new IllegalArgumentException("lead fact misses a field: " + f);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.leadId());
        row.put("version", f.version());
        row.put("owner_id", f.ownerId());
        row.put("team_id", f.teamId());
        row.put("team_path", path(f.teamPath()));
        row.put("source", f.source() == null ? "" : f.source());
        row.put("campaign_id", f.campaignId());
        row.put("status", f.status());
        row.put("created_at", f.createdAt());
        row.put("closed_at", f.closedAt());
        row.put("updated_at", f.updatedAt());
        row.put("deleted", f.deleted() ? 1 : 0);
        row.put("created_month", month(f.createdAt(), zone));
        row.put("closed_month", month(f.closedAt(), zone));
        return row;
    }

    static Map<String, Object> activity(byte[] value, ZoneId zone) {
        ActivityFact f = EventJson.read(require(value), ActivityFact.class);
        if (f.activityId() == null || f.type() == null || f.createdAt() == null || f.updatedAt() == null) {
            throw new IllegalArgumentException("activity fact misses a field: " + f);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.activityId());
        row.put("version", f.version());
        row.put("type", f.type());
        row.put("owner_id", f.ownerId());
        row.put("team_id", f.teamId());
        row.put("team_path", path(f.teamPath()));
        row.put("account_id", f.accountId());
        row.put("opportunity_id", f.opportunityId());
        row.put("due_at", f.dueAt());
        row.put("completed_at", f.completedAt());
        row.put("created_at", f.createdAt());
        row.put("updated_at", f.updatedAt());
        row.put("deleted", f.deleted() ? 1 : 0);
        row.put("completed_month", month(f.completedAt(), zone));
        return row;
    }

    static Map<String, Object> target(byte[] value) {
        TargetChanged e = CloudEventCodec.decode(require(value), TargetChanged.class);
        TargetSnapshot s = e.snapshot();
        if (s == null || s.id() == null || s.scopeType() == null || s.scopeId() == null || s.periodType() == null || s.period() == null
                || s.metric() == null || s.value() == null || s.updatedAt() == null) {
            throw new IllegalArgumentException("target snapshot misses a field");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("version", e.aggregateVersion());
        row.put("scope_type", s.scopeType());
        row.put("scope_id", s.scopeId());
        row.put("period_type", s.periodType());
        row.put("period", s.period());
        row.put("period_start", periodStart(s.periodType(), s.period()));
        row.put("metric", s.metric());
        row.put("value", FunnelRows.money(s.value()));
        row.put("deleted", s.deleted() ? 1 : 0);
        row.put("updated_at", s.updatedAt());
        return row;
    }

    /** "2027" (YEAR), "2027-Q1" (QUARTER), "2027-01" (MONTH) → the period's first day. */
    static LocalDate periodStart(String type, String period) {
        return switch (type) {
            case "YEAR" -> LocalDate.of(Integer.parseInt(period), 1, 1);
            case "QUARTER" -> {
                String[] p = period.split("-Q");
                int quarter = p.length == 2 ? Integer.parseInt(p[1]) : 0;
                if (quarter < 1 || quarter > 4) {
                    throw new IllegalArgumentException("not a quarter: " + period);
                }
                yield LocalDate.of(Integer.parseInt(p[0]), (quarter - 1) * 3 + 1, 1);
            }
            case "MONTH" -> YearMonth.parse(period).atDay(1);
            default -> throw new IllegalArgumentException("unknown period type " + type);
        };
    }

    private static byte[] require(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("record without a value (tombstone)");
        }
        return value;
    }

    /** Department first, ids joined by '/' (the event carries the owner's team first), as the opportunities table. */
    private static String path(List<UUID> teamPath) {
        List<UUID> topDown = new java.util.ArrayList<>(teamPath);
        java.util.Collections.reverse(topDown);
        return topDown.stream().map(UUID::toString).collect(Collectors.joining("/"));
    }

    private static LocalDate month(Instant at, ZoneId zone) {
        return at == null ? null : YearMonth.from(at.atZone(zone)).atDay(1);
    }
}
