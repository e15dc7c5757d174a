package com.pulse.api.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and token verification settings.
 *
 * @param issuer         the {@code iss} claim of the tokens this API signs, which verifiers check
 * @param privateKeyFile an RSA private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); when absent a key pair is
 *                       generated at start-up, so tokens die with the process (development and demo only)
 * @param tokenLifetime  how long a token is valid
 * @param issuerUri      an external OpenID Connect issuer: when set, requests are verified against that issuer's
 *                       JWK set (found through its discovery document) instead of this API's own key
 * @param rolesClaim     the claim holding the caller's roles (a list or a space-separated string); a dotted path
 *                       such as {@code realm_access.roles} reaches into nested claims of external issuers
 * @param bootstrapAdmin an administrator created at start-up when no user has its username (env
 *                       PULSE_API_AUTH_BOOTSTRAPADMIN_USERNAME / _PASSWORD); no default exists
 */
@ConfigurationProperties("pulse.api.auth")
public record AuthProperties(
        @DefaultValue("pulse-api") String issuer,
        Path privateKeyFile,
        @DefaultValue("8h") Duration tokenLifetime,
        String issuerUri,
        @DefaultValue("roles") String rolesClaim,
        BootstrapAdmin bootstrapAdmin) {

    /** Username and password of the start-up administrator; both must be set for it to be created. */
    public record BootstrapAdmin(String username, String password) {

        public boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isEmpty();
        }

        @Override
        public String toString() {
            return "BootstrapAdmin[username=" + username + "]";
        }
    }

    public boolean externalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
