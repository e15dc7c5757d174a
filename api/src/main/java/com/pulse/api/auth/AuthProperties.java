package com.pulse.api.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in token settings.
 *
 * @param issuer         the {@code iss} claim, which verifiers check
 * @param privateKeyFile an RSA private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); when absent a key pair is
 *                       generated at start-up, so tokens die with the process (development and demo only)
 * @param tokenLifetime  how long a token is valid
 */
@ConfigurationProperties("pulse.api.auth")
record AuthProperties(
        @DefaultValue("pulse-api") String issuer,
        Path privateKeyFile,
        @DefaultValue("8h") Duration tokenLifetime) {
}
