package org.allyledger.contracts.published;

import org.allyledger.contracts.Topics;

import java.time.LocalDate;

import static org.allyledger.contracts.published.PublishedEvent.required;

/**
 * {@value Topics#PEOPLE}: the people directory, keyed by employee id. Names and emails are not published (null): a
 * consumer reads them from the REST directory, which erasure reaches.
 */
public sealed interface PeopleV1 extends PublishedEvent {
    String PREFIX = "org.allyledger.people.";

    String employeeId();

    @Override
    default String streamId() {
        return employeeId();
    }

    record PersonRegistered(String employeeId, String displayName, String email, String department, String location, String workModel,
                            String managerId, boolean active) implements PeopleV1 {
        public static final String TYPE = PREFIX + "PersonRegistered.v1";

        public PersonRegistered {
            required(employeeId, "employeeId");
            required(department, "department");
            required(location, "location");
            required(workModel, "workModel");
        }
    }

    record PersonUpdated(String employeeId, String displayName, String email, String department, String location, String workModel,
                         String managerId, boolean active) implements PeopleV1 {
        public static final String TYPE = PREFIX + "PersonUpdated.v1";

        public PersonUpdated {
            required(employeeId, "employeeId");
            required(department, "department");
            required(location, "location");
            required(workModel, "workModel");
        }
    }

    record PersonDeparted(String employeeId, LocalDate departedOn) implements PeopleV1 {
        public static final String TYPE = PREFIX + "PersonDeparted.v1";

        public PersonDeparted {
            required(employeeId, "employeeId");
        }
    }

    /** The person's personal data was erased: their data key is destroyed; ids, dates and organisational attributes stay. */
    record PersonalDataErased(String employeeId) implements PeopleV1 {
        public static final String TYPE = PREFIX + "PersonalDataErased.v1";

        public PersonalDataErased {
            required(employeeId, "employeeId");
        }
    }
}
