package com.pulse.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

    @TempDir
    Path dir;

    @Test
    void aConfiguredPemKeyIsUsedWithAStableKidAndOnlyItsPublicHalfIsPublished() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Path pem = dir.resolve("signing.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        AuthProperties properties = new AuthProperties("iss", pem, Duration.ofHours(8), null, "roles", null);

        SigningKey first = new SigningKey(properties);
        SigningKey second = new SigningKey(properties);

        assertThat(first.key().toRSAPublicKey()).isEqualTo(pair.getPublic());
        assertThat(first.key().getKeyID()).isEqualTo(second.key().getKeyID());
        assertThat(first.publicKeys().getKeys()).singleElement().satisfies(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void withoutConfigurationAKeyIsGeneratedAndABadFileIsRefused() throws Exception {
        assertThat(new SigningKey(new AuthProperties("iss", null, Duration.ofHours(8), null, "roles", null)).key().isPrivate()).isTrue();

        Path bad = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> new SigningKey(new AuthProperties("iss", bad, Duration.ofHours(8), null, "roles", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PKCS#8");
    }
}
