package org.allyledger.api.input;

import java.time.LocalDate;

/** What text and dates the services accept, in bodies, paths, queries and headers alike. */
public final class TextRules {
    /** The earliest date accepted anywhere. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** The latest date accepted anywhere: four-digit years, which every store and report can hold as they are. */
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /**
     * Why the text cannot be accepted, or null: a control character other than tab, line feed and carriage return
     * (U+0000 among them, which PostgreSQL cannot store), or half of a surrogate pair (which no encoding can carry).
     */
    public static String problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
        }
        return null;
    }

    private TextRules() {
    }
}
