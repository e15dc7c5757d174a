package com.pulse.dashboards.cockpit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tokens shaped like the api's (claims only, no valid signature) for pages tested against stub
 * services: the pages read the claims to choose what to show and leave verification to the services.
 */
public final class FakeTokens {

    private FakeTokens() {
    }

    public static String of(String username, List<String> roles, String zone, Duration lifetime) {
        long exp = Instant.now().plus(lifetime).getEpochSecond();
        String claims = "{\"iss\":\"pulse-api\",\"sub\":\"0b6f8f0e-2d55-4f0e-9d3c-000000000001\","
                + "\"preferred_username\":\"" + username + "\",\"roles\":["
                + roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "],"
                + "\"zoneinfo\":\"" + zone + "\",\"locale\":\"en\",\"exp\":" + exp + "}";
        return part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims) + "." + part("not-a-signature");
    }

    public static String valid(String username, String... roles) {
        return of(username, List.of(roles), "Asia/Shanghai", Duration.ofHours(1));
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
