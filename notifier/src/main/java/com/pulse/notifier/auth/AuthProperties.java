package com.pulse.notifier.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.auth.*}: how bearer tokens (the api's RS256 tokens) are verified.
 *
 * @param enabled whether a STOMP CONNECT must carry a token. Off (the default until the cockpit sends
 *                tokens), a CONNECT without one is accepted as anonymous: it receives broadcasts, never
 *                personal alerts. A token that is sent is verified either way, and the inbox always needs one.
 * @param jwksUri the api's JWK set ({@code /api/v1/auth/jwks}); RS256 only
 * @param issuer  the {@code iss} tokens must carry (the api's {@code pulse.api.auth.issuer}); blank: not checked
 */
@ConfigurationProperties("pulse.notifier.auth")
public record AuthProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://127.0.0.1:8081/api/v1/auth/jwks") String jwksUri,
        @DefaultValue("pulse-api") String issuer) {
}
