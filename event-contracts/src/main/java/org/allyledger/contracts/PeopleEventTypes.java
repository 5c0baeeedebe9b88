package org.allyledger.contracts;

/** CloudEvents types published on {@link Topics#PEOPLE}. Never renamed once published. */
public final class PeopleEventTypes {
    public static final String STREAM_TYPE = "people";
    public static final String PERSON_REGISTERED = "org.allyledger.people.PersonRegistered.v1";
    public static final String PERSON_UPDATED = "org.allyledger.people.PersonUpdated.v1";
    public static final String PERSON_DEPARTED = "org.allyledger.people.PersonDeparted.v1";

    private PeopleEventTypes() {
    }
}
