package com.pulse.notifier.masssend;

import com.pulse.notifier.scope.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code mass_sends}, the channel pace, and the contacts a filter selects in the api's tables (read-only). */
@Repository
class MassSendRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    MassSendRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} live contacts of live accounts matching the filter, within the scope (the contact's
     * owner, as the api's data scope for contacts), by name.
     */
    List<Recipient> contacts(MassSendForm.Filter f, Scope scope, int limit) {
        if (!scope.all() && scope.users().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                SELECT c.id, c.owner_id, c.name, c.title, c.phone, c.email, a.name AS account_name, u.name AS owner_name
                FROM public.contacts c
                JOIN public.accounts a ON a.id = c.account_id
                LEFT JOIN public.users u ON u.id = c.owner_id
                WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL""");
        Map<String, Object> values = new HashMap<>();
        if (!f.accountIds().isEmpty()) {
            sql.append(" AND c.account_id = ANY(:accounts)");
            values.put("accounts", f.accountIds().toArray(UUID[]::new));
        }
        if (!f.tiers().isEmpty()) {
            sql.append(" AND CAST(a.tier AS text) = ANY(:tiers)");
            values.put("tiers", f.tiers().toArray(String[]::new));
        }
        if (!f.industries().isEmpty()) {
            sql.append(" AND a.industry = ANY(:industries)");
            values.put("industries", f.industries().toArray(String[]::new));
        }
        if (!f.regions().isEmpty()) {
            sql.append(" AND a.region = ANY(:regions)");
            values.put("regions", f.regions().toArray(String[]::new));
        }
        if (!scope.all()) {
            sql.append(" AND c.owner_id = ANY(:scopeUsers)");
            values.put("scopeUsers", scope.usersArray());
        }
        sql.append(" ORDER BY c.name, c.id LIMIT :limit");
        values.put("limit", limit);
        return jdbc.sql(sql.toString()).params(values).query((row, n) -> new Recipient(
                row.getObject("id", UUID.class), row.getString("owner_id"), row.getString("name"), row.getString("title"),
                row.getString("phone"), row.getString("email"), row.getString("account_name"),
                row.getString("owner_name"))).list();
    }

    /**
     * Takes {@code count} sending slots of the channel's pace: the first starts at {@code now} or when the mass
     * sends before it end, whichever is later. The row lock makes concurrent requests (any instance) queue.
     */
    Instant takeSlots(String channel, Instant now, java.time.Duration total) {
        jdbc.sql("INSERT INTO mass_send_pace (channel, next_free) VALUES (:channel, :now) ON CONFLICT DO NOTHING")
                .param("channel", channel).param("now", Timestamp.from(now)).update();
        Instant free = jdbc.sql("SELECT next_free FROM mass_send_pace WHERE channel = :channel FOR UPDATE")
                .param("channel", channel).query(Timestamp.class).single().toInstant();
        Instant start = free.isAfter(now) ? free : now;
        jdbc.sql("UPDATE mass_send_pace SET next_free = :next WHERE channel = :channel")
                .param("next", Timestamp.from(start.plus(total))).param("channel", channel).update();
        return start;
    }

    boolean campaignExists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM public.campaigns WHERE id = :id").param("id", id)
                .query(Long.class).single() > 0;
    }

    void insert(MassSend m) {
        jdbc.sql("""
                        INSERT INTO mass_sends (id, owner_id, name, channel, campaign_id, filter, subject, body, locale,
                            recipients, skipped, rate_per_second, starts_at, ends_at, created_at)
                        VALUES (:id, :owner, :name, :channel, :campaign, CAST(:filter AS jsonb), :subject, :body, :locale,
                            :recipients, :skipped, :rate, :starts, :ends, :created)""")
                .param("id", m.id()).param("owner", m.ownerId()).param("name", m.name()).param("channel", m.channel())
                .param("campaign", m.campaignId()).param("filter", JSON.writeValueAsString(m.filter()))
                .param("subject", m.subject()).param("body", m.body()).param("locale", m.locale())
                .param("recipients", m.recipients()).param("skipped", m.skipped()).param("rate", m.ratePerSecond())
                .param("starts", Timestamp.from(m.startsAt())).param("ends", Timestamp.from(m.endsAt()))
                .param("created", Timestamp.from(m.createdAt()))
                .update();
    }

    Optional<MassSend> find(String owner, UUID id) {
        return jdbc.sql("SELECT * FROM mass_sends WHERE id = :id AND owner_id = :owner")
                .param("id", id).param("owner", owner).query(MassSendRepository::row).optional();
    }

    List<MassSend> list(String owner, int limit) {
        return jdbc.sql("SELECT * FROM mass_sends WHERE owner_id = :owner ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("owner", owner).param("limit", limit).query(MassSendRepository::row).list();
    }

    /** The delivery log's rows of the mass send, counted by status (every status present, zero if none). */
    Map<String, Long> progress(MassSend m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of("PENDING", "SENDING", "RETRYING", "SENT", "FAILED", "FAILED_PERMANENT")) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM deliveries WHERE rule = :rule GROUP BY status")
                .param("rule", m.rule())
                .query((row, n) -> counts.put(row.getString("status"), row.getLong("n"))).list();
        return counts;
    }

    /** The first {@code limit} recipients that failed for good, with the provider's reason. */
    List<Map<String, Object>> failures(MassSend m, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        jdbc.sql("""
                        SELECT subject, address, status, attempts, last_error FROM deliveries
                        WHERE rule = :rule AND status IN ('FAILED', 'FAILED_PERMANENT') ORDER BY subject LIMIT :limit""")
                .param("rule", m.rule()).param("limit", limit)
                .query((row, n) -> out.add(Map.of("contactId", row.getString("subject").substring("contact:".length()),
                        "address", row.getString("address"), "status", row.getString("status"),
                        "attempts", row.getInt("attempts"), "error", String.valueOf(row.getString("last_error")))))
                .list();
        return out;
    }

    private static MassSend row(ResultSet row, int n) throws SQLException {
        return new MassSend(row.getObject("id", UUID.class), row.getString("owner_id"), row.getString("name"),
                row.getString("channel"), row.getObject("campaign_id", UUID.class),
                JSON.readValue(row.getString("filter"), new TypeReference<Map<String, Object>>() { }),
                row.getString("subject"), row.getString("body"), row.getString("locale"), row.getInt("recipients"),
                row.getInt("skipped"), row.getDouble("rate_per_second"), row.getTimestamp("starts_at").toInstant(),
                row.getTimestamp("ends_at").toInstant(), row.getTimestamp("created_at").toInstant());
    }
}
