package org.allyledger.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NominatorSealTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String oldKey = newKey();
    private final String newKey = newKey();

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealOpensToTheIdAndNeverReadsTheSameTwice() {
        NominatorSeal seal = new NominatorSeal(newKey);
        String first = seal.seal("e-42");

        assertEquals("e-42", seal.open(first));
        assertNotEquals(first, seal.seal("e-42"));
    }

    @Test
    void everySealHasTheSameLengthWhateverTheIdsLength() {
        NominatorSeal seal = new NominatorSeal(newKey);
        Set<Integer> lengths = Stream.of("a", "e-42", "someone.with_a-long-id", "x".repeat(64))
                .map(seal::seal).map(String::length).collect(Collectors.toSet());

        assertEquals(1, lengths.size(), lengths.toString());
    }

    @Test
    void afterARotationTheRetiredKeysSealsStillOpenAndOnlyTheNewKeySeals() {
        String madeBefore = new NominatorSeal(oldKey).seal("e-7");
        NominatorSeal rotated = new NominatorSeal(newKey, List.of(oldKey));

        assertEquals("e-7", rotated.open(madeBefore));
        String madeAfter = rotated.seal("e-8");
        assertEquals("e-8", new NominatorSeal(newKey).open(madeAfter));
        assertThrows(IllegalArgumentException.class, () -> new NominatorSeal(oldKey).open(madeAfter));
    }

    @Test
    void aSealOfAnotherKeyDoesNotOpen() {
        assertThrows(IllegalArgumentException.class, () -> new NominatorSeal(newKey).open(new NominatorSeal(oldKey).seal("e-1")));
    }

    @Test
    void aSealMadeBeforeSealsHadOneLengthStillOpens() throws Exception {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(newKey), "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal("e-legacy".getBytes(StandardCharsets.UTF_8));
        String legacy = "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());

        assertEquals("e-legacy", new NominatorSeal(newKey).open(legacy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "v1:", "v1:AAAA", "v1:%%%", "v2:abc"})
    void anythingElseIsNotASeal(String text) {
        NominatorSeal seal = new NominatorSeal(newKey);
        assertThrows(IllegalArgumentException.class, () -> seal.open(text));
    }

    @Test
    void anIdLongerThanAnyEmployeeIdIsNotSealed() {
        assertThrows(IllegalArgumentException.class, () -> new NominatorSeal(newKey).seal("x".repeat(65)));
    }
}
