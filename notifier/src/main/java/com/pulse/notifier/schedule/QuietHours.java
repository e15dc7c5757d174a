package com.pulse.notifier.schedule;

import com.pulse.notifier.problem.BodyReader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Hours of the recipient's day in which nothing is sent, e.g. 22:00–07:00 (crossing midnight). A firing
 * inside them is deferred to their end, never dropped. {@code from} is inside, {@code to} is not.
 */
public record QuietHours(LocalTime from, LocalTime to) {

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

    public boolean contains(LocalTime time) {
        return from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    /** Whether the instant, read on the clock of {@code zone}, falls inside these hours. */
    public boolean contains(Instant at, ZoneId zone) {
        return contains(at.atZone(zone).toLocalTime());
    }

    /**
     * The first instant after {@code at} when these hours end in {@code zone}. A {@code to} that a
     * DST change skips that day resolves to the first valid time after the gap.
     */
    public Instant endAfter(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
        if (!end.toInstant().isAfter(at)) {
            end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
        }
        return end.toInstant();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", HH_MM.format(from));
        map.put("to", HH_MM.format(to));
        return map;
    }

    /** Reads {@code {"from":"22:00","to":"07:00"}}; null (with problems) when invalid or absent. */
    public static QuietHours read(JsonNode parent, String field, String path, BodyReader reader) {
        JsonNode node = reader.object(parent, field, path, false);
        if (node == null) {
            return null;
        }
        reader.onlyKnown(node, path, Set.of("from", "to"));
        LocalTime from = time(reader, node, "from", BodyReader.path(path, "from"));
        LocalTime to = time(reader, node, "to", BodyReader.path(path, "to"));
        if (from == null || to == null) {
            return null;
        }
        if (from.equals(to)) {
            reader.problem(BodyReader.path(path, "to"), "must differ from 'from'");
            return null;
        }
        return new QuietHours(from, to);
    }

    static LocalTime time(BodyReader reader, JsonNode node, String field, String path) {
        String text = reader.text(node, field, path, true);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 5) {
                return LocalTime.parse(text, HH_MM);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        reader.problem(path, "must be a time of day HH:mm, e.g. 09:00");
        return null;
    }
}
