package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts whose birthday falls this month, or in the next {@code days} days (today included), on the
 * recipient's calendar. A 29 February birthday is celebrated on 28 February in other years.
 */
@Component
class Birthdays implements BuiltInQuery {

    private final JdbcClient jdbc;

    Birthdays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleType type() {
        return RuleType.BIRTHDAYS;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        LocalDate today = at.atZone(zone).toLocalDate();
        boolean month = "THIS_MONTH".equals(parameters.get("window"));
        LocalDate from = month ? today.withDayOfMonth(1) : today;
        LocalDate to = month ? today.withDayOfMonth(today.lengthOfMonth())
                : today.plusDays(((Number) parameters.get("days")).intValue());
        String sql = """
                SELECT c.id, c.name, CAST(d AS date) AS day
                FROM public.contacts c
                JOIN generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d
                  ON to_char(d, 'MM-DD') = to_char(c.birthday, 'MM-DD')
                  OR (to_char(c.birthday, 'MM-DD') = '02-29' AND to_char(d, 'MM-DD') = '02-28'
                      AND to_char(d + interval '1 day', 'MM-DD') = '03-01')
                WHERE c.deleted_at IS NULL AND c.birthday IS NOT NULL"""
                + ScopedSql.owner(scope, "c.owner_id") + "\nORDER BY day, c.name, c.id";
        return ScopedSql.run(jdbc, sql, Map.of("from", from, "to", to), scope, (row, n) -> {
            String id = row.getString("id");
            return new Match("contact:" + id + ":" + row.getObject("day", LocalDate.class).getYear(),
                    lines.birthday(row.getString("name"), row.getObject("day", LocalDate.class)), "/api/v1/contacts/" + id);
        });
    }
}
