package org.allyledger.recognition.nominations.domain;

import java.time.YearMonth;

/**
 * The months that take nominations: the current one, and the {@code pastMonths} before it until each is awarded
 * (a month is usually awarded in the first days of the next). Older and future months take none.
 */
public record NominationWindow(YearMonth current, int pastMonths) {

    public NominationWindow {
        if (pastMonths < 0) {
            throw new IllegalArgumentException("pastMonths must not be negative");
        }
    }

    public YearMonth earliest() {
        return current.minusMonths(pastMonths);
    }
}
