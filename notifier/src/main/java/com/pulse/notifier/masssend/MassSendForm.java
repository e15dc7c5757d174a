package com.pulse.notifier.masssend;

import com.pulse.notifier.delivery.template.Templates;
import com.pulse.notifier.problem.BodyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A mass send as a client asks for it, validated field by field (every bad field in one 400):
 * <pre>{"name": "…", "channel": "EMAIL" | "SMS", "campaignId": "…",
 *  "filter": {"accountIds": [], "tiers": ["A"], "industries": [], "regions": []},
 *  "subject": "Hello {{contact.name}}", "body": "…", "locale": "en" | "zh-CN", "ratePerSecond": 20}</pre>
 * The filter's lists are each "any of"; an absent or empty one does not restrict. Only the macros in
 * {@link #MACROS} may be used: a misspelt one would send a blank to thousands of people.
 */
record MassSendForm(String name, String channel, UUID campaignId, Filter filter, String subject, String body,
                    String locale, Double ratePerSecond) {

    static final Set<String> MACROS = Set.of("contact.name", "contact.title", "account.name", "owner.name");
    static final int MAX_BODY = 5000;
    private static final Set<String> FIELDS = Set.of("name", "channel", "campaignId", "filter", "subject", "body",
            "locale", "ratePerSecond");
    private static final Set<String> FILTER_FIELDS = Set.of("accountIds", "tiers", "industries", "regions");
    private static final Pattern TIER = Pattern.compile("[ABCD]");

    /** Which contacts: those of accounts matching every non-empty list. */
    record Filter(List<UUID> accountIds, List<String> tiers, List<String> industries, List<String> regions) {

        Map<String, Object> json() {
            return Map.of("accountIds", accountIds, "tiers", tiers, "industries", industries, "regions", regions);
        }
    }

    static MassSendForm read(JsonNode body, MassSendProperties pace) {
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
        String channel = r.text(body, "channel", "channel", true);
        if (channel != null && !channel.equals("EMAIL") && !channel.equals("SMS")) {
            r.problem("channel", "must be EMAIL or SMS");
            channel = null;
        }
        UUID campaignId = uuid(r.text(body, "campaignId", "campaignId", false), "campaignId", r);
        Filter filter = filter(body, r);
        String subject = r.text(body, "subject", "subject", "EMAIL".equals(channel));
        if ("SMS".equals(channel) && subject != null) {
            r.problem("subject", "an SMS has no subject");
        } else if (subject != null && (subject.isBlank() || subject.length() > 200)) {
            r.problem("subject", "must be 1 to 200 characters");
        }
        String text = r.text(body, "body", "body", true);
        if (text != null && (text.isBlank() || text.length() > MAX_BODY)) {
            r.problem("body", "must be 1 to " + MAX_BODY + " characters");
        }
        macros(subject, "subject", r);
        macros(text, "body", r);
        String locale = r.text(body, "locale", "locale", false);
        if (locale != null && !locale.equals("en") && !locale.equals("zh-CN")) {
            r.problem("locale", "must be en or zh-CN");
        }
        Double rate = null;
        double maxRate = pace.perSecond(channel);
        JsonNode rateNode = body.get("ratePerSecond");
        if (rateNode != null && !rateNode.isNull()) {
            if (!rateNode.isNumber() || rateNode.doubleValue() <= 0 || rateNode.doubleValue() > maxRate) {
                r.problem("ratePerSecond", "must be a number above 0 and at most " + maxRate + " (this channel's pace)");
            } else {
                rate = rateNode.doubleValue();
            }
        }
        r.throwIfAny();
        return new MassSendForm(name.strip(), channel, campaignId, filter, subject, text, locale == null ? "zh-CN" : locale,
                rate);
    }

    private static void macros(String text, String field, BodyReader r) {
        if (text == null) {
            return;
        }
        for (String macro : Templates.macroNames(text)) {
            if (!MACROS.contains(macro)) {
                r.problem(field, "unknown macro {{" + macro + "}}; these exist: " + MACROS.stream().sorted().toList());
            }
        }
    }

    private static Filter filter(JsonNode body, BodyReader r) {
        JsonNode node = r.object(body, "filter", "filter", false);
        if (node == null) {
            return new Filter(List.of(), List.of(), List.of(), List.of());
        }
        r.onlyKnown(node, "filter", FILTER_FIELDS);
        List<UUID> accounts = new ArrayList<>();
        for (String s : strings(node, "accountIds", r)) {
            UUID id = uuid(s, "filter.accountIds", r);
            if (id != null) {
                accounts.add(id);
            }
        }
        List<String> tiers = strings(node, "tiers", r);
        tiers.stream().filter(t -> !TIER.matcher(t).matches()).findFirst()
                .ifPresent(t -> r.problem("filter.tiers", "must each be A, B, C or D"));
        return new Filter(accounts, tiers, strings(node, "industries", r), strings(node, "regions", r));
    }

    private static List<String> strings(JsonNode filter, String field, BodyReader r) {
        String path = "filter." + field;
        JsonNode array = r.array(filter, field, path, false);
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        if (array.size() > 1000) {
            r.problem(path, "at most 1000 values");
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > 200) {
                r.problem(path + "[" + i + "]", "must be a non-empty string");
            } else {
                out.add(item.asString());
            }
        }
        return out;
    }

    private static UUID uuid(String text, String path, BodyReader r) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            r.problem(path, "must be a UUID");
            return null;
        }
    }
}
