package org.allyledger.infra.testing;

import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;

/**
 * Tokens for tests, signed by a key pair kept in the build directory for this JVM. The test resource and the
 * test code may live in different class loaders; the files are what they share.
 */
public final class TestTokens {
    public static final String ISSUER = "https://allyledger.invalid/test-only";

    private static Path keyDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "test-keys-" + ProcessHandle.current().pid());
    }

    private static Tokens tokens() {
        return new Tokens(ISSUER, SigningKeys.in(keyDirectory()).privateKey());
    }

    /** A valid token for {@code subject} with {@code role}. */
    public static String token(String subject, String role) {
        return tokens().mint(subject, role, Duration.ofMinutes(10));
    }

    /** A valid token that expires {@code lifetime} from now. */
    public static String lasting(String subject, String role, Duration lifetime) {
        return tokens().mint(subject, role, lifetime);
    }

    public static String expired(String subject, String role) {
        return tokens().expired(subject, role);
    }

    public static String fromAnotherIssuer(String subject, String role) {
        return tokens().fromIssuer("https://intruder.invalid", subject, role);
    }

    public static String wronglySigned(String subject, String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey other = generator.generateKeyPair().getPrivate();
            return tokens().signedWith(other, subject, role);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configuration that makes a service trust these tokens, and the test key that seals anonymous nominators. The key is given inline: in test mode Quarkus
     * generates a key of its own when none is configured at build time, and an inline key overrides it. The clock skew
     * allowed is one second (the least SmallRye honours), so that a test sees a token refused soon after it expires.
     */
    static Map<String, String> serviceConfig() {
        try {
            SigningKeys keys = SigningKeys.in(keyDirectory());
            return Map.of(
                    "mp.jwt.verify.issuer", ISSUER,
                    "mp.jwt.verify.publickey", Files.readString(keys.publicKeyFile()),
                    "mp.jwt.verify.clock.skew", "1",
                    "allyledger.recognition.nominator-key", keys.secret("nominator", 32));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestTokens() {
    }
}
