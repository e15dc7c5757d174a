package com.pulse.notifier.schedule;

import com.pulse.notifier.problem.BodyReader;
import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.quartz.CronExpression;
import tools.jackson.databind.JsonNode;

/**
 * When a rule fires, on the recipient's clock: {@code {"kind":"daily","at":"09:00"}},
 * {@code {"kind":"weekly","day":"MONDAY","at":"08:30"}}, {@code {"kind":"monthly","day":1,"at":"09:00"}}
 * or {@code {"kind":"cron","expression":"0 0 9 ? * MON-FRI"}} (Quartz syntax). Every kind becomes one
 * Quartz cron expression, evaluated in each recipient's time zone.
 *
 * @param json the schedule as the client wrote it (stored and answered back unchanged)
 * @param cron the Quartz cron expression it means
 */
public record Schedule(Map<String, Object> json, String cron) {

    /** Reads a schedule; null (with problems) when invalid or absent. */
    public static Schedule read(JsonNode parent, String field, BodyReader reader) {
        JsonNode node = reader.object(parent, field, field, true);
        if (node == null) {
            return null;
        }
        String kind = reader.text(node, "kind", field + ".kind", true);
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "daily" -> daily(node, field, reader);
            case "weekly" -> weekly(node, field, reader);
            case "monthly" -> monthly(node, field, reader);
            case "cron" -> cron(node, field, reader);
            default -> {
                reader.problem(field + ".kind", "must be one of daily, weekly, monthly, cron");
                yield null;
            }
        };
    }

    private static Schedule daily(JsonNode node, String field, BodyReader reader) {
        reader.onlyKnown(node, field, Set.of("kind", "at"));
        LocalTime at = QuietHours.time(reader, node, "at", field + ".at");
        return at == null ? null : new Schedule(Map.of("kind", "daily", "at", hhmm(at)),
                "0 %d %d ? * *".formatted(at.getMinute(), at.getHour()));
    }

    private static Schedule weekly(JsonNode node, String field, BodyReader reader) {
        reader.onlyKnown(node, field, Set.of("kind", "day", "at"));
        LocalTime at = QuietHours.time(reader, node, "at", field + ".at");
        String dayText = reader.text(node, "day", field + ".day", true);
        DayOfWeek day = null;
        if (dayText != null) {
            try {
                day = DayOfWeek.valueOf(dayText);
            } catch (IllegalArgumentException e) {
                reader.problem(field + ".day", "must be a day of the week, MONDAY to SUNDAY");
            }
        }
        if (at == null || day == null) {
            return null;
        }
        return new Schedule(Map.of("kind", "weekly", "day", day.name(), "at", hhmm(at)),
                "0 %d %d ? * %s".formatted(at.getMinute(), at.getHour(), day.name().substring(0, 3)));
    }

    // Days 29–31 fire only in months that have them (Quartz's rule); day 1 is the "1st of the month".
    private static Schedule monthly(JsonNode node, String field, BodyReader reader) {
        reader.onlyKnown(node, field, Set.of("kind", "day", "at"));
        LocalTime at = QuietHours.time(reader, node, "at", field + ".at");
        Integer day = reader.integer(node, "day", field + ".day", true, 1, 31);
        if (at == null || day == null) {
            return null;
        }
        return new Schedule(Map.of("kind", "monthly", "day", day, "at", hhmm(at)),
                "0 %d %d %d * ?".formatted(at.getMinute(), at.getHour(), day));
    }

    private static Schedule cron(JsonNode node, String field, BodyReader reader) {
        reader.onlyKnown(node, field, Set.of("kind", "expression"));
        String path = field + ".expression";
        String expression = reader.text(node, "expression", path, true);
        if (expression == null) {
            return null;
        }
        String[] parts = expression.strip().split("\\s+");
        if (parts.length < 6 || parts.length > 7) {
            reader.problem(path, "must be a Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year]");
            return null;
        }
        // A reminder more often than once a minute would flood inboxes and phones.
        if (!parts[0].matches("[0-5]?[0-9]")) {
            reader.problem(path, "the seconds field must be a single second (0-59): at most one firing a minute");
            return null;
        }
        try {
            CronExpression.validateExpression(expression.strip());
            CronExpression parsed = new CronExpression(expression.strip());
            if (parsed.getNextValidTimeAfter(new java.util.Date()) == null) {
                reader.problem(path, "never fires again");
                return null;
            }
        } catch (ParseException | RuntimeException e) {
            reader.problem(path, "not a valid Quartz cron expression: " + e.getMessage());
            return null;
        }
        return new Schedule(Map.of("kind", "cron", "expression", expression.strip()), expression.strip());
    }

    private static String hhmm(LocalTime time) {
        return QuietHours.HH_MM.format(time);
    }
}
