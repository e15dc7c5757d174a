package com.pulse.api.crud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulse.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code idempotency_keys} table: which create an Idempotency-Key already made. A key is
 * claimed in the create's own transaction, so key, row, history and event commit or roll back
 * together, and a concurrent retry with the same key waits on the key's primary key until the
 * first attempt ends. Keys are scoped per entity type and caller: one user's key never replays
 * (or reveals) another user's create.
 */
@Component
public class IdempotencyKeys {

    /** What a create under a key must do; {@link #NONE} when the request has no key. */
    public record Claim(IdempotencyKeys keys, String key, String requestHash) {

        static final Claim NONE = new Claim(null, null, null);

        boolean present() {
            return key != null;
        }
    }

    public record Earlier(String requestHash, UUID responseId) {
    }

    private final DatabaseClient db;

    IdempotencyKeys(DatabaseClient db) {
        this.db = db;
    }

    /** The claim a create of {@code request} makes under {@code key}. */
    public Claim claim(IdempotencyKey key, Object request) {
        return key.present() ? new Claim(this, key.value(), hash(request)) : Claim.NONE;
    }

    /** True when this create now holds the key; false when an earlier create made with it has committed. */
    public Mono<Boolean> take(String scope, String key, String requestHash, UUID id) {
        return db.sql("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, response_id)
                        VALUES (:scope, :key, :hash, :id) ON CONFLICT DO NOTHING""")
                .bind("scope", scope).bind("key", key).bind("hash", requestHash).bind("id", id)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<Earlier> find(String scope, String key) {
        return db.sql("SELECT request_hash, response_id FROM idempotency_keys WHERE scope = :scope AND key = :key")
                .bind("scope", scope).bind("key", key)
                .map(row -> new Earlier(row.get("request_hash", String.class), row.get("response_id", UUID.class)))
                .one();
    }

    /**
     * SHA-256 over the request's values in a canonical JSON form: fields sorted, numbers without
     * trailing zeros, so {@code 100} and {@code 100.00} are the same request.
     */
    public static String hash(Object request) {
        JsonNode canonical = canonical(EventJson.mapper().valueToTree(request));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(canonical(item)));
            return array;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.textNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
