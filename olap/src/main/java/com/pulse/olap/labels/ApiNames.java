package com.pulse.olap.labels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names of users and teams by id, from the api's {@code POST /api/v1/directory} (ClickHouse holds no names and olap
 * cannot read the api's database). The caller's own {@code Authorization} header is forwarded, so the api decides
 * what the caller may read. One request per {@link #MAX_IDS} ids not in the cache — one per pivot in practice; answers
 * (an id the api does not know included) are kept {@code pulse.olap.names.cache-seconds}, so a renamed user or team
 * shows its new name within that time.
 */
@Component
class ApiNames {

    private static final Logger log = LoggerFactory.getLogger(ApiNames.class);
    /** The most ids the api's directory takes in one request. */
    static final int MAX_IDS = 1000;

    /** A cached answer: the name, or null for an id that is neither a user nor a team. */
    private record Entry(String name, Instant expires) {
    }

    /** The names found, or why they could not be read. */
    record Answer(Map<String, String> names, Optional<String> failure) {
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final URI directory;
    private final Duration ttl;
    private final Duration timeout;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    ApiNames(JsonMapper json, Clock clock,
             @Value("${pulse.olap.api-url:http://127.0.0.1:8081}") String apiUrl,
             @Value("${pulse.olap.names.cache-seconds:60}") long cacheSeconds,
             @Value("${pulse.olap.names.timeout-millis:2000}") long timeoutMillis) {
        this.json = json;
        this.clock = clock;
        this.directory = URI.create(apiUrl.replaceAll("/+$", "") + "/api/v1/directory");
        this.ttl = Duration.ofSeconds(cacheSeconds);
        this.timeout = Duration.ofMillis(timeoutMillis);
        // HTTP/1.1: the api (Netty) speaks no cleartext HTTP/2, so the upgrade offer would only cost a header
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The names of {@code ids} that are users or teams; an id without a name is left out. Never throws. */
    Answer names(Set<String> ids, String authorization) {
        Instant now = clock.instant();
        Map<String, String> names = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Entry e = cache.get(id);
            if (e != null && e.expires().isAfter(now)) {
                if (e.name() != null) {
                    names.put(id, e.name());
                }
            } else {
                missing.add(id);
            }
        }
        for (int from = 0; from < missing.size(); from += MAX_IDS) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + MAX_IDS));
            try {
                Map<String, String> found = ask(chunk, authorization);
                Instant expires = clock.instant().plus(ttl);
                for (String id : chunk) {
                    String name = found.get(id);
                    cache.put(id, new Entry(name, expires));
                    if (name != null) {
                        names.put(id, name);
                    }
                }
            } catch (NamesUnavailable e) {
                log.warn("names of pivot members not read from {}: {}", directory, e.getMessage());
                return new Answer(names, Optional.of(e.getMessage()));
            }
        }
        dropExpired(now);
        return new Answer(names, Optional.empty());
    }

    private Map<String, String> ask(List<String> ids, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(directory).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("ids", ids))));
        if (authorization != null && !authorization.isBlank()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NamesUnavailable("the api could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NamesUnavailable("interrupted while asking the api");
        }
        if (response.statusCode() != 200) {
            throw new NamesUnavailable("the api answered " + response.statusCode());
        }
        try {
            JsonNode body = json.readTree(response.body());
            Map<String, String> found = new HashMap<>();
            for (String part : List.of("users", "teams")) {
                body.path(part).properties().forEach(e -> found.put(e.getKey(), e.getValue().asString()));
            }
            return found;
        } catch (RuntimeException e) {
            throw new NamesUnavailable("the api's answer was not the directory's JSON");
        }
    }

    // Bounded by the ids of the pivots of the last minute; stale entries go on the next lookup.
    private void dropExpired(Instant now) {
        if (cache.size() > 10_000) {
            cache.values().removeIf(e -> !e.expires().isAfter(now));
        }
    }

    private static final class NamesUnavailable extends RuntimeException {
        NamesUnavailable(String message) {
            super(message);
        }
    }
}
