package org.allyledger.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * The bearer-token parser every request goes through: a token is verified (signature, issuer, expiry) once, and its
 * verified claims are reused for its next requests until it expires or, at the latest, {@link #REUSE} later. Only a
 * token that passed verification is kept, under its whole text, so a changed or forged token is verified afresh.
 * Every other use (explicit keys, decryption) goes straight to SmallRye's parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    /** How long a verified token is reused at most: also how long a rotated-out verification key is still honoured. */
    static final Duration REUSE = Duration.ofMinutes(5);
    private static final long MAXIMUM_TOKENS = 20_000;

    private final DefaultJWTParser verifier;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MAXIMUM_TOKENS)
            .expireAfter(Expiry.<String, JsonWebToken>creating((token, jwt) -> untilExpiry(jwt)))
            .build();

    public VerifiedTokens(DefaultJWTParser verifier) {
        this.verifier = verifier;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = verifier.parse(token);
        if (!untilExpiry(jwt).isZero()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static Duration untilExpiry(JsonWebToken jwt) {
        long now = System.currentTimeMillis() / 1000;
        long left = jwt.getExpirationTime() - now;
        return left <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(left, REUSE.toSeconds()));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
