package com.pulse.api.system;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Dates only as "YYYY-MM-DD" strings. Jackson's own reader also takes arrays ([2026, 11, 27],
 * and [] as null) and epoch-day numbers; a client sending those has a bug we should report.
 */
class StrictLocalDate extends ValueDeserializer<LocalDate> {

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
        }
        String text = p.getString();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date (YYYY-MM-DD)");
        }
    }
}
