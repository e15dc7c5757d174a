package com.pulse.api.exchange;

import com.pulse.api.crud.Ids;
import com.pulse.api.system.FieldProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Typed reading of import cells, reporting a bad cell as a problem of its column. */
public final class Cells {

    private Cells() {
    }

    public static String text(Map<String, String> cells, String column) {
        return cells.get(column);
    }

    public static UUID uuid(Map<String, String> cells, String column, List<FieldProblem> errors) {
        String value = cells.get(column);
        return value == null ? null : Ids.optional(column, value.strip(), errors);
    }

    public static LocalDate date(Map<String, String> cells, String column, List<FieldProblem> errors) {
        String value = cells.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(column, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /** A list of UUIDs separated by {@code ;}, commas or spaces (an export writes {@code ;}). */
    public static List<UUID> uuids(Map<String, String> cells, String column, List<FieldProblem> errors) {
        String value = cells.get(column);
        if (value == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (String part : value.split("[;,\\s]+")) {
            if (!part.isEmpty()) {
                UUID id = Ids.optional(column, part, errors);
                if (id == null) {
                    return null;
                }
                ids.add(id);
            }
        }
        return ids;
    }

    /** The export text of a value: ISO-8601 for times and dates, {@code ;}-joined lists, empty for null. */
    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (!sb.isEmpty()) {
                    sb.append(';');
                }
                sb.append(o);
            }
            return sb.toString();
        }
        return value.toString();
    }
}
