package com.pulse.notifier.rules;

import com.pulse.notifier.problem.BodyReader;
import com.pulse.notifier.schedule.QuietHours;
import com.pulse.notifier.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A rule as a client sends it (POST, or PUT replacing it whole), validated field by field; every bad
 * field is named in one 400. Scheduled types need a schedule, event types must have none. Recipients default to the caller, channels to IN_APP, enabled to true.
 *
 * @param version the version the client read (PUT), from the body; null when not given
 */
record RuleForm(String name, RuleType type, Map<String, Object> parameters, List<String> recipients,
                List<Channel> channels, Schedule schedule, QuietHours quietHours, Boolean digest, Escalation escalation,
                boolean enabled, Long version) {

    static final int MAX_RECIPIENTS = 100;
    private static final Set<String> FIELDS = Set.of("name", "type", "parameters", "recipients", "channels", "schedule",
            "quietHours", "digest", "escalation", "enabled", "version");

    static RuleForm read(JsonNode body, String caller) {
        BodyReader r = new BodyReader();
        if (body == null || !body.isObject()) {
            r.problem("body", "must be a JSON object");
            r.throwIfAny();
        }
        r.onlyKnown(body, "", FIELDS);
        String name = r.text(body, "name", "name", true);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            r.problem("name", "must be 1 to 200 characters");
        }
        RuleType type = null;
        String typeText = r.text(body, "type", "type", true);
        if (typeText != null) {
            try {
                type = RuleType.valueOf(typeText);
            } catch (IllegalArgumentException e) {
                r.problem("type", "must be one of " + List.of(RuleType.values()));
            }
        }
        JsonNode parameters = r.object(body, "parameters", "parameters", false);
        Map<String, Object> values = type == null ? Map.of() : type.parameters(parameters, r);
        List<String> recipients = recipients(body, caller, r);
        JsonNode channelsNode = r.array(body, "channels", "channels", false);
        List<Channel> channels = channelsNode == null ? List.of(Channel.IN_APP) : Channels.read(channelsNode, "channels", r, false);
        Schedule schedule = null;
        if (type != null && type.event()) {
            // an event rule fires on each matching event; a schedule would mean nothing
            if (body.has("schedule")) {
                r.problem("schedule", "must be absent for the event-triggered type " + type);
            }
        } else {
            schedule = Schedule.read(body, "schedule", r);
        }
        QuietHours quiet = QuietHours.read(body, "quietHours", "quietHours", r);
        Boolean digest = r.bool(body, "digest", "digest", false);
        Escalation escalation = Escalation.read(body, channels, r);
        Boolean enabled = r.bool(body, "enabled", "enabled", false);
        Long version = r.longValue(body, "version", "version");
        r.throwIfAny();
        return new RuleForm(name.strip(), type, values, recipients, channels, schedule, quiet, digest,
                escalation, enabled == null || enabled, version);
    }

    private static List<String> recipients(JsonNode body, String caller, BodyReader r) {
        JsonNode node = r.array(body, "recipients", "recipients", false);
        if (node == null) {
            return List.of(caller);
        }
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "recipients[" + i + "]";
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > 200) {
                r.problem(path, "must be a user id");
            } else if (recipients.contains(item.asString())) {
                r.problem(path, "named twice");
            } else {
                recipients.add(item.asString());
            }
        }
        if (node.isEmpty()) {
            r.problem("recipients", "must name at least one user (leave it out to mean yourself)");
        } else if (node.size() > MAX_RECIPIENTS) {
            r.problem("recipients", "at most " + MAX_RECIPIENTS + " users");
        }
        return recipients;
    }
}
