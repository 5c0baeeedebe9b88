package org.allyledger.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A development or test RSA key pair kept as PEM files, generated on first use and never committed.
 * Its file names carry "dev-only", which the production profile refuses.
 */
public final class SigningKeys {
    public static final String PRIVATE_KEY_FILE = "dev-only-private.pem";
    public static final String PUBLIC_KEY_FILE = "dev-only-public.pem";

    private final Path directory;

    private SigningKeys(Path directory) {
        this.directory = directory;
    }

    /** Loads the pair in {@code directory}, generating it first if it is not there. */
    public static synchronized SigningKeys in(Path directory) {
        SigningKeys keys = new SigningKeys(directory);
        if (!Files.exists(keys.publicKeyFile())) {
            keys.generate();
        }
        return keys;
    }

    /** A random symmetric key kept beside the pair (e.g. the nominator seal), base64; generated on first use. */
    public String secret(String name, int bytes) {
        Path file = directory.resolve("dev-only-" + name + ".key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[bytes];
                new java.security.SecureRandom().nextBytes(key);
                Path partial = Files.createTempFile(directory, name, ".partial");
                Files.writeString(partial, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return secret(name, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    public PrivateKey privateKey() {
        try {
            String pem = Files.readString(directory.resolve(PRIVATE_KEY_FILE), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable private key in " + directory, e);
        }
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            // written beside, then moved, so a reader never sees half a key
            write(PRIVATE_KEY_FILE, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(PUBLIC_KEY_FILE, "PUBLIC KEY", pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String name, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path partial = Files.createTempFile(directory, name, ".partial");
        Files.writeString(partial, pem, StandardCharsets.US_ASCII);
        Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
