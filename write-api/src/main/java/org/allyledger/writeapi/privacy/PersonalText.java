package org.allyledger.writeapi.privacy;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * One person's text under their data key: AES-256-GCM with the person's id as associated data, stored as
 * {@code pd1:<base64 of IV and ciphertext>}. The IV is derived from the text (HMAC), so the same text seals the same
 * way for a person: "the same person again changes nothing" still holds on sealed profiles, and the equality of two
 * texts of one person is all a sealed value tells. Without the key (erased) nothing opens.
 */
public final class PersonalText {
    public static final String PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String personId;
    private final SecretKeySpec key;

    /** @param key the person's data key, or null when it was erased */
    PersonalText(String personId, byte[] key) {
        this.personId = personId;
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
    }

    public boolean erased() {
        return key == null;
    }

    /**
     * Text written by this person about another (a citation, an endorsement note): sealed under this person's key inside
     * the other's, so that erasing either makes it unreadable.
     */
    public String sealWith(PersonalText about, String text) {
        return about.seal(seal(text));
    }

    /** Opens what {@link #sealWith} sealed; null once either person is erased. */
    public String openWith(PersonalText about, String stored) {
        return open(about.open(stored));
    }

    /** The text sealed under the person's key; null stays null. */
    public String seal(String text) {
        if (text == null) {
            return null;
        }
        if (key == null) {
            throw new IllegalStateException("the personal data of " + personId + " is erased: nothing is sealed for them");
        }
        try {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] iv = Arrays.copyOf(mac.doFinal(plain), IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    /**
     * The text, or null when it was erased (no key, or sealed under a key since destroyed); text stored before sealing
     * began is returned as it is.
     */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the personal data of " + personId + " does not open with their key", e);
        }
    }
}
