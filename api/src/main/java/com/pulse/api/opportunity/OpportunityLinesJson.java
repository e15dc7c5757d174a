package com.pulse.api.opportunity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.pulse.events.EventJson;
import com.pulse.events.OpportunityLine;
import java.util.List;

/**
 * Product lines are stored as one jsonb array on the opportunity row: they are always read and
 * replaced with the deal, in its transaction, and copy what they need of the product. Written
 * and read with the events' mapper, so numbers keep their exact digits and scale.
 */
final class OpportunityLinesJson {

    private static final TypeReference<List<OpportunityLine>> LINES = new TypeReference<>() {
    };

    private OpportunityLinesJson() {
    }

    static String write(List<OpportunityLine> lines) {
        try {
            return EventJson.mapper().writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("product lines are plain records", e);
        }
    }

    static List<OpportunityLine> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable product lines in the database", e);
        }
    }
}
