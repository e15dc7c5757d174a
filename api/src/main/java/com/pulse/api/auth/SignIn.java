package com.pulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password and issues a signed token. Every failure (unknown user, wrong
 * password, inactive or binned user, no password set) answers the same 401 after one BCrypt check,
 * so neither the message nor the time tells whether a username exists.
 */
@Service
class SignIn {

    static final String FAILED = "Wrong username or password.";
    /** Longer inputs are refused without a lookup; BCrypt reads at most 72 bytes anyway. */
    private static final int MAX_USERNAME = 64;
    private static final int MAX_PASSWORD_BYTES = 72;

    private final SignInRepository users;
    private final PasswordEncoder passwords;
    private final SigningKey key;
    private final AuthProperties properties;
    private final String dummyHash;
    private final Clock clock = Clock.systemUTC();

    SignIn(SignInRepository users, PasswordEncoder passwords, SigningKey key, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.key = key;
        this.properties = properties;
        // Checked against when there is no real hash, so a failed sign-in costs one BCrypt check either way.
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    Mono<TokenResponse> token(TokenRequest request) {
        String username = request.username() == null ? "" : request.username();
        String password = request.password() == null ? "" : request.password();
        boolean plausible = !username.isEmpty() && username.length() <= MAX_USERNAME
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        Mono<SignInUser> found = plausible ? users.find(username) : Mono.empty();
        return found.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(user -> {
                    String hash = user.map(SignInUser::passwordHash).filter(h -> h != null).orElse(dummyHash);
                    boolean matches = passwords.matches(plausible ? password : "", hash);
                    if (!matches || user.isEmpty() || !user.get().active() || user.get().passwordHash() == null) {
                        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, FAILED);
                    }
                    return issue(user.get());
                });
    }

    private TokenResponse issue(SignInUser user) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(properties.tokenLifetime());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(user.id().toString())
                .claim("preferred_username", user.username())
                .claim("roles", user.roles())
                .claim("team_id", user.teamId() == null ? null : user.teamId().toString())
                .claim("locale", user.locale())
                .claim("zoneinfo", user.timeZone())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.key().getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new TokenResponse(jwt.serialize(), "Bearer", properties.tokenLifetime().toSeconds());
    }
}
