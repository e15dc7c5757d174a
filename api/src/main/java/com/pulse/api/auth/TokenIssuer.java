package com.pulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs the tokens sign-in hands out (RS256, claims sub, preferred_username, roles, team_id, managed_teams, locale,
 * zoneinfo). {@code team_id} is the team the user is a member of; {@code managed_teams} the live teams whose manager
 * the user is (DataScopes' roots), so olap gives a manager the same data scope as the api without the api's tables.
 */
@Component
public class TokenIssuer {

    private final SigningKey key;
    private final AuthProperties properties;
    private final Clock clock = Clock.systemUTC();

    TokenIssuer(SigningKey key, AuthProperties properties) {
        this.key = key;
        this.properties = properties;
    }

    /** A token for the user, valid for the configured lifetime; {@code managedTeams} is empty for who manages none. */
    public String issue(UUID userId, String username, List<String> roles, UUID teamId, List<UUID> managedTeams,
                        String locale, String zone) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return sign(properties.issuer(), userId, username, roles, teamId, List.copyOf(managedTeams), locale, zone, now,
                now.plus(properties.tokenLifetime()));
    }

    /** The {@code iss} of the tokens sign-in issues. */
    public String issuer() {
        return properties.issuer();
    }

    /**
     * Also used by tests, to sign tokens that have expired or name another issuer. A null {@code managedTeams} leaves
     * the claim out, as in the tokens issued before it.
     */
    public String sign(String issuer, UUID userId, String username, List<String> roles, UUID teamId, List<UUID> managedTeams,
                       String locale, String zone, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId.toString())
                .claim("preferred_username", username)
                .claim("roles", roles)
                .claim("team_id", teamId == null ? null : teamId.toString())
                .claim("managed_teams", managedTeams == null ? null : managedTeams.stream().map(UUID::toString).toList())
                .claim("locale", locale)
                .claim("zoneinfo", zone)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.key().getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    public long lifetimeSeconds() {
        return properties.tokenLifetime().toSeconds();
    }
}
