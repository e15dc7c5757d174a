package com.pulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The RSA key that signs sign-in tokens (RS256), and the JWK set that publishes its public half. */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final RSAKey key;

    SigningKey(AuthProperties properties) {
        KeyPair pair;
        if (properties.privateKeyFile() != null) {
            pair = read(properties);
            log.info("Signing sign-in tokens with the key in {}", properties.privateKeyFile());
        } else {
            pair = generate();
            log.warn("pulse.api.auth.private-key-file is not set: signing sign-in tokens with a key generated at start-up."
                    + " Tokens stop verifying when the API restarts, and other instances cannot share it (development and demo only).");
        }
        try {
            RSAKey unidentified = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).build();
            // kid = RFC 7638 thumbprint: stable for a configured key, so verifiers' caches stay valid across restarts.
            this.key = new RSAKey.Builder(unidentified).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(unidentified.computeThumbprint().toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use the signing key", e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** The public half, which the API itself verifies tokens with. */
    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot read the public signing key", e);
        }
    }

    /** The public key only, as {@code /api/v1/auth/jwks} serves it. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private static KeyPair read(AuthProperties properties) {
        try {
            String pem = Files.readString(properties.privateKeyFile());
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(properties.privateKeyFile()
                        + " must hold a PKCS#8 PEM RSA private key (BEGIN PRIVATE KEY); convert with openssl pkcs8 -topk8 -nocrypt");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            var publicKey = rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties.privateKeyFile(), e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("cannot read an RSA private key from " + properties.privateKeyFile(), e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
