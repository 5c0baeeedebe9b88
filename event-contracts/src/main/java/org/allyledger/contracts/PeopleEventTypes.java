package org.allyledger.contracts;

/** CloudEvents types published on {@link Topics#PEOPLE}. Never renamed once published. */
public final class PeopleEventTypes {
    public static final String STREAM_TYPE = "people";
    public static final String PERSON_REGISTERED = org.allyledger.contracts.published.PeopleV1.PersonRegistered.TYPE;
    public static final String PERSON_UPDATED = org.allyledger.contracts.published.PeopleV1.PersonUpdated.TYPE;
    public static final String PERSON_DEPARTED = org.allyledger.contracts.published.PeopleV1.PersonDeparted.TYPE;
    public static final String PERSONAL_DATA_ERASED = org.allyledger.contracts.published.PeopleV1.PersonalDataErased.TYPE;

    private PeopleEventTypes() {
    }
}
