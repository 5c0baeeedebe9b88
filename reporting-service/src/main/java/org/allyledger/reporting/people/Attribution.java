package org.allyledger.reporting.people;

/**
 * Where a person stood when a fact happened: the row of their {@code person_history} whose period holds the fact's time
 * (the latest row not after it, else their first; the people projection keeps the periods). A join condition, so a
 * report joins attributions in one pass instead of looking each fact up.
 */
public final class Attribution {

    /** The join condition on history row {@code alias} for the person in column {@code person} at column {@code time}. */
    public static String at(String alias, String person, String time) {
        return "%1$s.employee_id = %2$s and %3$s >= %1$s.period_start and %3$s < %1$s.period_end".formatted(alias, person, time);
    }

    private Attribution() {
    }
}
