package com.pulse.notifier.delivery;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /notifier/v1/deliveries[?status=&channel=&limit=&cursor=]}: the delivery log newest first.
 * A user sees the deliveries addressed to them; an ADMIN (the token's {@code roles}) sees everyone's.
 */
@RestController
@RequestMapping("/notifier/v1/deliveries")
class DeliveryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final DeliveryRepository deliveries;

    DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /** One page; {@code nextCursor} is null on the last one. */
    record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    @GetMapping
    DeliveryPage list(@AuthenticationPrincipal Jwt token,
                      @RequestParam(required = false) String status,
                      @RequestParam(required = false) String channel,
                      @RequestParam(required = false) String limit,
                      @RequestParam(required = false) String cursor) {
        DeliveryStatus wantedStatus = status == null ? null : named(DeliveryStatus.class, "status", status);
        Channel wantedChannel = channel == null ? null : named(Channel.class, "channel", channel);
        int size = limit(limit);
        DeliveryCursor after = cursor == null ? null : DeliveryCursor.decode(cursor);
        String recipient = isAdmin(token) ? null : token.getSubject();
        // one more than asked tells whether another page exists
        List<Delivery> page = deliveries.page(recipient, wantedStatus, wantedChannel, after, size + 1);
        List<Delivery> items = page.subList(0, Math.min(size, page.size()));
        String next = page.size() > size ? DeliveryCursor.after(items.get(items.size() - 1)).encode() : null;
        return new DeliveryPage(items.stream().map(DeliveryView::of).toList(), next);
    }

    private static boolean isAdmin(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        return roles != null && roles.contains("ADMIN");
    }

    private static <E extends Enum<E>> E named(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new InvalidDeliveryQuery(field, "must be one of " + List.of(type.getEnumConstants()));
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
        throw new InvalidDeliveryQuery("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
