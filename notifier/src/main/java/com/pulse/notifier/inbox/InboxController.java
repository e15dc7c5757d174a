package com.pulse.notifier.inbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's inbox: {@code GET /notifier/v1/inbox[?unread=true&limit=n&cursor=c]} newest first, and
 * {@code PATCH /notifier/v1/inbox/{id}} with {@code {"read": true|false}}, and
 * {@code POST /notifier/v1/inbox/mark-all-read}. The user is always the token's
 * subject; there is no way to name another user.
 */
@RestController
@RequestMapping("/notifier/v1/inbox")
class InboxController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRepository alerts;

    InboxController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    /** One page of alerts; {@code nextCursor} is null on the last page; {@code unreadCount} counts all unread. */
    record InboxPage(List<AlertView> items, String nextCursor, long unreadCount) {
    }

    @GetMapping
    InboxPage list(@AuthenticationPrincipal Jwt token,
                   @RequestParam(required = false) String unread,
                   @RequestParam(required = false) String limit,
                   @RequestParam(required = false) String cursor) {
        boolean unreadOnly = bool("unread", unread);
        int size = limit(limit);
        InboxCursor after = cursor == null ? null : InboxCursor.decode(cursor);
        // one more than asked tells whether another page exists
        List<Alert> page = alerts.page(token.getSubject(), unreadOnly, after, size + 1);
        List<Alert> items = page.subList(0, Math.min(size, page.size()));
        String next = page.size() > size ? InboxCursor.after(items.get(items.size() - 1)).encode() : null;
        return new InboxPage(items.stream().map(AlertView::of).toList(), next, alerts.unread(token.getSubject()));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    AlertView mark(@AuthenticationPrincipal Jwt token, @PathVariable String id, @RequestBody JsonNode body) {
        UUID alertId = uuid(id);
        if (body == null || !body.isObject()) {
            throw new InvalidField("read", "the body must be a JSON object {\"read\": true|false}");
        }
        JsonNode read = body.get("read");
        if (read == null || !read.isBoolean()) {
            throw new InvalidField("read", "required, true or false");
        }
        return alerts.markRead(token.getSubject(), alertId, read.booleanValue(), Instant.now())
                .map(AlertView::of).orElseThrow(AlertNotFound::new);
    }

    /** What "mark all read" did: how many alerts it marked and how many stay unread (arrived after {@code through}). */
    record MarkedAll(int marked, long unreadCount) {
    }

    /**
     * {@code POST /notifier/v1/inbox/mark-all-read} with an optional {@code {"through": "<instant>"}}: every unread
     * alert of the caller created at or before {@code through} (default: now) is marked read. A page sends the
     * creation time of the newest alert it shows, so an alert that arrives while the user clicks stays unread.
     */
    @PostMapping(path = "/mark-all-read")
    MarkedAll markAll(@AuthenticationPrincipal Jwt token, @RequestBody(required = false) String body) {
        Instant now = Instant.now();
        Instant through = through(body, now);
        int marked = alerts.markAllRead(token.getSubject(), through, now);
        return new MarkedAll(marked, alerts.unread(token.getSubject()));
    }

    private Instant through(String body, Instant now) {
        if (body == null || body.isBlank()) {
            return now;
        }
        JsonNode through = object(body).get("through");
        if (through == null || through.isNull()) {
            return now;
        }
        Instant instant = through.isString() ? instant(through.asString()) : null;
        if (instant == null) {
            throw new InvalidField("through", "must be an ISO-8601 instant such as 2026-11-29T09:00:00Z");
        }
        // later than now would also mark alerts still to come at the moment of this request: none exist yet
        return instant.isAfter(now) ? now : instant;
    }

    private static JsonNode object(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // refused below
        }
        throw new InvalidField("through", "the body must be a JSON object {\"through\": \"<instant>\"} or empty");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean bool(String field, String text) {
        if (text == null) {
            return false;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidField(field, "must be true or false");
        };
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidField("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static UUID uuid(String text) {
        try {
            // UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical 36 characters are ids
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidField("id", "not an alert id (a UUID)");
    }
}
