package com.pulse.notifier.rules;

import com.pulse.notifier.problem.BodyReader;
import com.pulse.notifier.schedule.QuietHours;
import com.pulse.notifier.schedule.Schedule;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code rules} table. Reads for a caller always name the owner, so nobody reaches another's rules. */
@Repository
public class RuleRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Any rule by id, whoever owns it (for firings). */
    public Optional<Rule> find(UUID id) {
        return jdbc.sql("SELECT * FROM rules WHERE id = :id").param("id", id).query(RuleRepository::row).optional();
    }

    /** The enabled rules of one type, whoever owns them (for event-triggered types, on each event). */
    public List<Rule> enabledOfType(RuleType type) {
        return jdbc.sql("SELECT * FROM rules WHERE type = :type AND enabled ORDER BY id")
                .param("type", type.name()).query(RuleRepository::row).list();
    }

    Optional<Rule> findOwned(String owner, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM rules WHERE id = :id AND owner_id = :owner" + (forUpdate ? " FOR UPDATE" : ""))
                .param("id", id).param("owner", owner).query(RuleRepository::row).optional();
    }

    List<Rule> owned(String owner) {
        return jdbc.sql("SELECT * FROM rules WHERE owner_id = :owner ORDER BY created_at, id")
                .param("owner", owner).query(RuleRepository::row).list();
    }

    /** Rules that send to this user, whoever owns them. */
    List<Rule> forRecipient(String userId) {
        return jdbc.sql("SELECT * FROM rules WHERE recipients @> ARRAY[CAST(:user AS text)] ORDER BY id")
                .param("user", userId).query(RuleRepository::row).list();
    }

    void insert(Rule r) {
        jdbc.sql("""
                        INSERT INTO rules (id, owner_id, name, type, parameters, recipients, channels, schedule, quiet_hours,
                                           digest, escalation_minutes, enabled, version, created_at, updated_at)
                        VALUES (:id, :owner, :name, :type, CAST(:parameters AS jsonb), :recipients, :channels,
                                CAST(:schedule AS jsonb), CAST(:quiet AS jsonb), :digest, :escalation, :enabled, :version, :created, :updated)""")
                .paramSource(params(r)).update();
    }

    /** Replaces the rule if it is still at {@code expected}; false when someone changed it first. */
    boolean update(Rule r, long expected) {
        Map<String, Object> params = params(r);
        params.put("expected", expected);
        return jdbc.sql("""
                        UPDATE rules SET name = :name, type = :type, parameters = CAST(:parameters AS jsonb),
                            recipients = :recipients, channels = :channels, schedule = CAST(:schedule AS jsonb),
                            quiet_hours = CAST(:quiet AS jsonb), digest = :digest, escalation_minutes = :escalation, enabled = :enabled, version = :version,
                            updated_at = :updated
                        WHERE id = :id AND owner_id = :owner AND version = :expected""")
                .paramSource(params).update() == 1;
    }

    boolean delete(String owner, UUID id, long expected) {
        return jdbc.sql("DELETE FROM rules WHERE id = :id AND owner_id = :owner AND version = :expected")
                .param("id", id).param("owner", owner).param("expected", expected).update() == 1;
    }

    private static Map<String, Object> params(Rule r) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", r.id());
        p.put("owner", r.ownerId());
        p.put("name", r.name());
        p.put("type", r.type().name());
        p.put("parameters", JSON.writeValueAsString(r.parameters()));
        p.put("recipients", r.recipients().toArray(String[]::new));
        p.put("channels", r.channels().stream().map(Enum::name).toArray(String[]::new));
        p.put("schedule", r.schedule() == null ? null : JSON.writeValueAsString(r.schedule().json()));
        p.put("quiet", r.quietHours() == null ? null : JSON.writeValueAsString(r.quietHours().toMap()));
        p.put("digest", r.digest());
        p.put("escalation", r.escalation() == null ? null : r.escalation().afterMinutes());
        p.put("enabled", r.enabled());
        p.put("version", r.version());
        p.put("created", Timestamp.from(r.createdAt()));
        p.put("updated", Timestamp.from(r.updatedAt()));
        return p;
    }

    private static Rule row(ResultSet row, int n) throws SQLException {
        // Stored values were validated on the way in; reading them back through the same parsers keeps one definition.
        BodyReader reader = new BodyReader();
        String storedSchedule = row.getString("schedule");
        JsonNode holder = JSON.createObjectNode();
        if (storedSchedule != null) {
            ((tools.jackson.databind.node.ObjectNode) holder).set("schedule", JSON.readTree(storedSchedule));
        }
        String quiet = row.getString("quiet_hours");
        if (quiet != null) {
            ((tools.jackson.databind.node.ObjectNode) holder).set("quietHours", JSON.readTree(quiet));
        }
        Schedule schedule = storedSchedule == null ? null : Schedule.read(holder, "schedule", reader);
        QuietHours quietHours = QuietHours.read(holder, "quietHours", "quietHours", reader);
        if (reader.hasProblems()) {
            throw new IllegalStateException("rule " + row.getString("id") + " holds an unreadable schedule");
        }
        Object digest = row.getObject("digest");
        Object escalation = row.getObject("escalation_minutes");
        return new Rule(row.getObject("id", UUID.class), row.getString("owner_id"), row.getString("name"),
                RuleType.valueOf(row.getString("type")),
                JSON.readValue(row.getString("parameters"), new TypeReference<Map<String, Object>>() { }),
                strings(row.getArray("recipients")),
                strings(row.getArray("channels")).stream().map(Channel::valueOf).toList(),
                schedule, quietHours, (Boolean) digest,
                escalation == null ? null : new Escalation(((Number) escalation).intValue()), row.getBoolean("enabled"), row.getLong("version"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
