package org.allyledger.commitment.people.domain;

import org.allyledger.commitment.people.domain.PersonEvent.PersonRegistered;
import org.allyledger.commitment.people.domain.PersonEvent.PersonUpdated;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonTest {
    private static final PersonProfile ADA = new PersonProfile("Ada", "ada@example.org", "Engineering", "London",
            WorkModel.HYBRID, "e100", true);
    private static final PersonProfile ADA_MOVED = new PersonProfile("Ada", "ada@example.org", "Research", "London",
            WorkModel.REMOTE, "e100", true);

    @Test
    void givenNoStream_whenUpserted_thenRegistered() {
        List<PersonEvent> events = Person.UNKNOWN.upsert("e1", ADA);

        assertEquals(List.of(PersonRegistered.of("e1", ADA)), events);
    }

    @Test
    void givenRegistered_whenUpsertedWithSameProfile_thenNothingHappens() {
        Person ada = Person.UNKNOWN.apply(PersonRegistered.of("e1", ADA));

        assertTrue(ada.upsert("e1", ADA).isEmpty());
    }

    @Test
    void givenRegistered_whenUpsertedWithChange_thenUpdatedWithWholeProfile() {
        Person ada = Person.UNKNOWN.apply(PersonRegistered.of("e1", ADA));

        assertEquals(List.of(PersonUpdated.of("e1", ADA_MOVED)), ada.upsert("e1", ADA_MOVED));
    }

    @Test
    void foldKeepsTheLatestProfile() {
        Person folded = Person.UNKNOWN.apply(PersonRegistered.of("e1", ADA)).apply(PersonUpdated.of("e1", ADA_MOVED));

        assertTrue(folded.registered());
        assertEquals("e1", folded.employeeId());
        assertEquals(ADA_MOVED, folded.profile());
    }

    @Test
    void unknownPersonIsNotRegistered() {
        assertFalse(Person.UNKNOWN.registered());
    }

    @Test
    void anActivePersonDepartsOnceAndIsThenInactive() {
        Person ada = Person.UNKNOWN.apply(PersonRegistered.of("e1", ADA));
        List<PersonEvent> departure = ada.depart("e1", java.time.LocalDate.of(2026, 11, 1));
        assertEquals(List.of(new PersonEvent.PersonDeparted("e1", java.time.LocalDate.of(2026, 11, 1))), departure);
        Person departed = ada.apply(departure.get(0));
        assertFalse(departed.active());
        assertTrue(departed.depart("e1", java.time.LocalDate.of(2026, 11, 2)).isEmpty());
    }

    @Test
    void anUnknownPersonCannotDepart() {
        assertEquals(404, org.allyledger.api.ProblemMappers.problemOf(org.junit.jupiter.api.Assertions.assertThrows(org.allyledger.domain.Rejection.class,
                () -> Person.UNKNOWN.depart("e9", java.time.LocalDate.of(2026, 11, 1)))).status());
    }
}
