package org.allyledger.infra.testing;

import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.UUID;

/** People events as commitment-service publishes them, for the tests of their consumers. */
public final class PeopleEvents {

    public static ProducerRecord<String, String> person(UUID eventId, String type, String employeeId, long version,
                                                        String department, boolean active) {
        String data = """
                {"employeeId": "%s", "displayName": "Test Person", "email": "t@example.org", "department": "%s",
                 "location": "Lisbon", "workModel": "REMOTE", "managerId": null, "active": %s}"""
                .formatted(employeeId, department, active);
        return EventSender.cloudEvent(Topics.PEOPLE, employeeId, eventId, type, version, data);
    }

    public static ProducerRecord<String, String> departed(UUID eventId, String employeeId, long version) {
        String data = "{\"employeeId\": \"%s\", \"departedOn\": \"2026-11-01\"}".formatted(employeeId);
        return EventSender.cloudEvent(Topics.PEOPLE, employeeId, eventId, PeopleEventTypes.PERSON_DEPARTED, version, data);
    }

    private PeopleEvents() {
    }
}
