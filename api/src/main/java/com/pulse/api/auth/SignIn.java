package com.pulse.api.auth;

import java.nio.charset.StandardCharsets;
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
    private final TokenIssuer tokens;
    private final String dummyHash;

    SignIn(SignInRepository users, PasswordEncoder passwords, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
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
        String token = tokens.issue(user.id(), user.username(), user.roles(), user.teamId(), user.managedTeams(),
                user.locale(), user.timeZone());
        return new TokenResponse(token, "Bearer", tokens.lifetimeSeconds());
    }
}
