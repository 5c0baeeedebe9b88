package org.allyledger.infra.auth;

import io.smallrye.jwt.build.Jwt;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/** Mints bearer tokens as an identity provider would: subject, role in {@code groups}, issuer, expiry. */
public final class Tokens {
    /** The issuer of the local launcher's tokens; "dev-only" makes the production profile refuse it. */
    public static final String DEV_ISSUER = "https://allyledger.invalid/dev-only";

    private final String issuer;
    private final PrivateKey key;

    public Tokens(String issuer, PrivateKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    public String mint(String subject, String role, Duration lifetime) {
        return sign(issuer, subject, role, Instant.now().plus(lifetime), key);
    }

    /** A token that expired a minute ago. */
    public String expired(String subject, String role) {
        return sign(issuer, subject, role, Instant.now().minusSeconds(60), key);
    }

    /** A token from another issuer, signed with the right key. */
    public String fromIssuer(String otherIssuer, String subject, String role) {
        return sign(otherIssuer, subject, role, Instant.now().plusSeconds(600), key);
    }

    /** A token signed with some other key. */
    public String signedWith(PrivateKey otherKey, String subject, String role) {
        return sign(issuer, subject, role, Instant.now().plusSeconds(600), otherKey);
    }

    private static String sign(String issuer, String subject, String role, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(role)
                .issuedAt(Instant.now().minusSeconds(120))
                .expiresAt(expiresAt)
                .sign(key);
    }
}
