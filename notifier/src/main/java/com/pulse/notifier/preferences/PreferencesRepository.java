package com.pulse.notifier.preferences;

import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.schedule.QuietHours;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code preferences} table: one row per user who saved theirs. */
@Repository
public class PreferencesRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PreferencesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Preferences> find(String userId) {
        return jdbc.sql("SELECT * FROM preferences WHERE user_id = :user").param("user", userId)
                .query(PreferencesRepository::row).optional();
    }

    /** Writes the row if its version is still {@code expected} (0: not saved yet); false on a lost race. */
    boolean save(String userId, Preferences p, long expected, Instant now) {
        String sql = expected == 0
                ? """
                  INSERT INTO preferences (user_id, time_zone, locale, phone, email, quiet_hours, channels, digest, version, updated_at)
                  VALUES (:user, :zone, :locale, :phone, :email, CAST(:quiet AS jsonb), CAST(:channels AS jsonb), :digest, 1, :now)
                  ON CONFLICT (user_id) DO NOTHING"""
                : """
                  UPDATE preferences SET time_zone = :zone, locale = :locale, phone = :phone, email = :email,
                      quiet_hours = CAST(:quiet AS jsonb), channels = CAST(:channels AS jsonb), digest = :digest,
                      version = version + 1, updated_at = :now
                  WHERE user_id = :user AND version = :expected""";
        Map<String, Object> channels = new LinkedHashMap<>();
        p.channels().forEach((type, on) -> channels.put(type.name(), on.stream().map(Enum::name).toList()));
        return jdbc.sql(sql)
                .param("user", userId)
                .param("zone", p.timeZone())
                .param("locale", p.locale())
                .param("phone", p.phone())
                .param("email", p.email())
                .param("quiet", p.quietHours() == null ? null : JSON.writeValueAsString(p.quietHours().toMap()))
                .param("channels", JSON.writeValueAsString(channels))
                .param("digest", p.digest())
                .param("expected", expected)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    private static Preferences row(ResultSet row, int n) throws SQLException {
        String quiet = row.getString("quiet_hours");
        QuietHours quietHours = null;
        if (quiet != null) {
            JsonNode q = JSON.readTree(quiet);
            quietHours = new QuietHours(LocalTime.parse(q.get("from").asString()), LocalTime.parse(q.get("to").asString()));
        }
        Map<RuleType, List<Channel>> channels = new EnumMap<>(RuleType.class);
        JSON.readTree(row.getString("channels")).properties().forEach(e -> channels.put(RuleType.valueOf(e.getKey()),
                e.getValue().valueStream().map(c -> Channel.valueOf(c.asString())).toList()));
        return new Preferences(row.getString("time_zone"), row.getString("locale"), row.getString("phone"),
                row.getString("email"), quietHours, channels, row.getBoolean("digest"), row.getLong("version"));
    }
}
