package com.pulse.notifier;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Tokens signed as the api signs them (RS256, iss pulse-api; sub, roles, team_id, zoneinfo), verified by
 * the notifier through a JWK set served over HTTP like the api's {@code /api/v1/auth/jwks}. One key and
 * one server per test JVM.
 */
public final class TestTokens {

    public static final String ISSUER = "pulse-api";
    static final RSAKey KEY = key("k1");
    static final RSAKey FOREIGN_KEY = key("k1");
    static final HttpServer JWKS = jwks();

    private TestTokens() {
    }

    /** Turns token checks on, against this JWK set. */
    public static void register(DynamicPropertyRegistry r) {
        properties().forEach((k, v) -> r.add(k, () -> v));
    }

    /** The same settings as properties (for an application started outside a test, e.g. the benchmark). */
    public static Map<String, String> properties() {
        return Map.of("pulse.notifier.auth.enabled", "true",
                "pulse.notifier.auth.jwks-uri", "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/api/v1/auth/jwks",
                "pulse.notifier.auth.issuer", ISSUER);
    }

    /** A valid token of a rep. */
    public static String token(String subject) {
        return sign(KEY, claims(subject, ISSUER, Instant.now().plusSeconds(600)));
    }

    /** A valid token with the given roles, team and time zone (either may be null). */
    public static String token(String subject, List<String> roles, String teamId, String zoneinfo) {
        Instant expires = Instant.now().plusSeconds(600);
        return sign(KEY, new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).claim("roles", roles)
                .claim("team_id", teamId).claim("zoneinfo", zoneinfo)
                .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires)).build());
    }

    /** Same claims, same key id, signed with a key the JWK set does not hold. */
    public static String forged(String subject) {
        return sign(FOREIGN_KEY, claims(subject, ISSUER, Instant.now().plusSeconds(600)));
    }

    public static String expired(String subject) {
        return sign(KEY, claims(subject, ISSUER, Instant.now().minusSeconds(3600)));
    }

    public static String otherIssuer(String subject) {
        return sign(KEY, claims(subject, "someone-else", Instant.now().plusSeconds(600)));
    }

    private static JWTClaimsSet claims(String subject, String issuer, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("roles", List.of("REP"))
                .claim("team_id", null).claim("zoneinfo", "Asia/Shanghai")
                .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/api/v1/auth/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
