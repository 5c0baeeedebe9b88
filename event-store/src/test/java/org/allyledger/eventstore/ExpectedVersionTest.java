package org.allyledger.eventstore;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectedVersionTest {

    @Test
    void aNewStreamStartsAtVersionOne() {
        assertEquals(1, ExpectedVersion.firstNewVersion(0));
    }

    @Test
    void aWriterContinuesAfterTheVersionItRead() {
        assertEquals(8, ExpectedVersion.firstNewVersion(7));
    }

    @Test
    void aWriterThatReadAnOlderVersionIsStale() {
        assertTrue(ExpectedVersion.isStale(3, 4));
    }

    @Test
    void aWriterClaimingAVersionNotYetWrittenIsStale() {
        assertTrue(ExpectedVersion.isStale(5, 4));
    }

    @Test
    void aWriterThatReadTheCurrentVersionMayAppend() {
        assertFalse(ExpectedVersion.isStale(4, 4));
    }

    @Test
    void negativeVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExpectedVersion.firstNewVersion(-1));
    }
}
