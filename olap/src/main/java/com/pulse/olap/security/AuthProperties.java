package com.pulse.olap.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.olap.auth.*}: whether /olap/v1/** needs a bearer token, and how tokens are verified.
 *
 * @param enabled   off by default until the cockpit sends tokens: then every /olap/v1 read is open, unscoped
 * @param jwksUri   the api's JWK set ({@code /api/v1/auth/jwks}); RS256 only
 * @param issuer    the {@code iss} tokens must carry with {@code jwksUri} (the api's {@code pulse.api.auth.issuer});
 *                  blank: not checked
 * @param issuerUri an external OpenID Connect issuer, used instead of {@code jwksUri} when set ({@code iss} must equal it)
 */
@ConfigurationProperties("pulse.olap.auth")
record AuthProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://127.0.0.1:8081/api/v1/auth/jwks") String jwksUri,
        @DefaultValue("pulse-api") String issuer,
        @DefaultValue("") String issuerUri) {

    boolean externalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
