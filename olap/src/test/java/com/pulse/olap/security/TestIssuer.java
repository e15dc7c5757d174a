package com.pulse.olap.security;

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

/**
 * The api as olap's tests need it for tokens: an RSA key, its JWK set served at {@code /api/v1/auth/jwks} as the
 * api serves it (public half only), and tokens shaped like the api's ({@code iss} pulse-api, {@code roles},
 * {@code team_id}, optionally {@code managed_teams}; ten minutes valid).
 */
public final class TestIssuer {

    final RSAKey key;
    private final HttpServer jwks;

    private TestIssuer(RSAKey key) {
        this.key = key;
        this.jwks = serve(key);
    }

    public static TestIssuer start(String keyId) {
        return new TestIssuer(newKey(keyId));
    }

    static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/api/v1/auth/jwks";
    }

    public void stop() {
        jwks.stop(0);
    }

    static JWTClaimsSet.Builder claims(String subject, List<String> roles, String teamId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("pulse-api").subject(subject).claim("roles", roles)
                .claim("team_id", teamId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    public String token(String subject, List<String> roles, String teamId) {
        return sign(key, claims(subject, roles, teamId).build());
    }

    /** As the api signs in a user since {@code managed_teams}: the teams whose manager they are (none: an empty list). */
    public String token(String subject, List<String> roles, String teamId, List<String> managedTeams) {
        return sign(key, claims(subject, roles, teamId).claim("managed_teams", managedTeams).build());
    }

    /** Signed by {@code signer} under this issuer's key id: another key here is a forgery the JWK set must reject. */
    String sign(RSAKey signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serve(RSAKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/api/v1/auth/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
