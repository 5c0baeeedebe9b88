package org.allyledger.contracts;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Seals an anonymous nominator's id in the published recognition events: AES-256-GCM under a key that only
 * recognition-service and authorised consumers (reporting-service) hold, configured in both as
 * {@value #KEY_PROPERTY} (32 bytes, base64). Portals see "v1:..." and nothing they can use.
 * <p>
 * Every seal has the same length, whatever the id's ({@value #SEALED_ID_BYTES} bytes, padded), so its length tells
 * nothing. The key can be rotated: the keys it replaced, in {@value #RETIRED_KEYS_PROPERTY}, still open the seals they
 * made (the authentication tag tells which key made a seal), and only the current key seals.
 */
public final class NominatorSeal {
    public static final String KEY_PROPERTY = "allyledger.recognition.nominator-key";
    public static final String RETIRED_KEYS_PROPERTY = "allyledger.recognition.retired-nominator-keys";
    /** Employee ids are at most 64 characters of [A-Za-z0-9._-]; NUL pads them and never occurs in one. */
    public static final int SEALED_ID_BYTES = 64;

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final List<SecretKeySpec> retired;
    private final SecureRandom random = new SecureRandom();

    public NominatorSeal(String base64Key) {
        this(base64Key, List.of());
    }

    /** @param retiredBase64Keys keys that sealed before this one, still accepted to open */
    public NominatorSeal(String base64Key, List<String> retiredBase64Keys) {
        this.key = key(base64Key);
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String old : retiredBase64Keys) {
            keys.add(key(old));
        }
        this.retired = List.copyOf(keys);
    }

    private static SecretKeySpec key(String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException(KEY_PROPERTY + " and " + RETIRED_KEYS_PROPERTY + " hold keys of 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String seal(String nominatorId) {
        byte[] id = nominatorId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > SEALED_ID_BYTES || nominatorId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a nominator id is 1-" + SEALED_ID_BYTES + " bytes without NUL");
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(Arrays.copyOf(id, SEALED_ID_BYTES));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a nominator", e);
        }
    }

    /** @throws IllegalArgumentException if the text is not a seal made by the current key or a retired one */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed nominator");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed nominator is not base64", e);
        }
        if (bytes.length <= IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed nominator is too short");
        }
        for (SecretKeySpec candidate : candidates()) {
            byte[] plain = decrypt(candidate, bytes);
            if (plain != null) {
                int end = plain.length;
                while (end > 0 && plain[end - 1] == 0) {
                    end--;
                }
                return new String(plain, 0, end, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("cannot open a sealed nominator: not sealed with this " + KEY_PROPERTY + " or a retired one");
    }

    private List<SecretKeySpec> candidates() {
        List<SecretKeySpec> all = new ArrayList<>(retired.size() + 1);
        all.add(key);
        all.addAll(retired);
        return all;
    }

    /** The plaintext, or null when this key did not make the seal (its tag does not verify). */
    private static byte[] decrypt(SecretKeySpec candidate, byte[] bytes) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed nominator", e);
        }
    }
}
