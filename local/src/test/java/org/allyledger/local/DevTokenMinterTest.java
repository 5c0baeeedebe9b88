package org.allyledger.local;

import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokenMinterTest {
    @TempDir
    Path keys;

    @Test
    void mintsATokenALineForEverySubjectAndRoleInOrder() {
        List<String> minted = DevTokenMinter.mint(List.of("--hours", "2", "hris:hr-system", "analyst-1:analyst", "e-7:employee"), tokens());
        assertEquals(3, minted.size());
        assertClaims(minted.get(0), "hris", "hr-system");
        assertClaims(minted.get(1), "analyst-1", "analyst");
        assertClaims(minted.get(2), "e-7", "employee");
        long expires = Long.parseLong(claims(minted.get(0)).replaceAll("(?s).*\"exp\":(\\d+).*", "$1"));
        assertEquals(2 * 3600, expires - java.time.Instant.now().getEpochSecond(), 60);
    }

    @Test
    void stillMintsOneForASubjectAndARole() {
        List<String> minted = DevTokenMinter.mint(List.of("hris", "hr-system"), tokens());
        assertEquals(1, minted.size());
        assertClaims(minted.get(0), "hris", "hr-system");
    }

    @Test
    void refusesAnUnknownRoleOrAPairWithoutOne() {
        assertThrows(IllegalArgumentException.class, () -> DevTokenMinter.mint(List.of("hris:superuser"), tokens()));
        assertThrows(IllegalArgumentException.class, () -> DevTokenMinter.mint(List.of("hris:hr-system", "analyst-1"), tokens()));
        assertThrows(IllegalArgumentException.class, () -> DevTokenMinter.mint(List.of("--hours", "0", "hris:hr-system"), tokens()));
        assertThrows(IllegalArgumentException.class, () -> DevTokenMinter.mint(List.of(), tokens()));
    }

    private Tokens tokens() {
        return new Tokens(Tokens.DEV_ISSUER, SigningKeys.in(keys).privateKey());
    }

    private static void assertClaims(String token, String subject, String role) {
        String claims = claims(token);
        assertTrue(claims.contains("\"sub\":\"" + subject + "\""), claims);
        assertTrue(claims.contains("\"groups\":[\"" + role + "\"]"), claims);
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
