package org.allyledger.contracts.published;

import org.allyledger.contracts.Topics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every published event type: its CloudEvents type name, its record and its topic, derived from the sealed families. */
public final class PublishedTypes {
    private static final Map<String, Class<? extends PublishedEvent>> FAMILIES = Map.of(
            Topics.PEOPLE, PeopleV1.class, Topics.COMMITMENTS, CommitmentsV1.class,
            Topics.SPONSORSHIPS, SponsorshipsV1.class, Topics.RECOGNITION, RecognitionV1.class);
    private static final Map<String, Class<? extends PublishedEvent>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (Class<?> family : List.of(PeopleV1.class, CommitmentsV1.class, SponsorshipsV1.class, RecognitionV1.class)) {
            for (Class<?> record : family.getPermittedSubclasses()) {
                BY_TYPE.put(typeOf(record), record.asSubclass(PublishedEvent.class));
            }
        }
    }

    /** The record of a type name, if it is published. */
    public static Optional<Class<? extends PublishedEvent>> record(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The sealed family of records a topic carries. */
    public static Class<? extends PublishedEvent> family(String topic) {
        return Optional.ofNullable(FAMILIES.get(topic)).orElseThrow(() -> new IllegalArgumentException(topic + " carries no published family"));
    }

    /** The topic a family is published on. */
    public static String topic(Class<? extends PublishedEvent> family) {
        return FAMILIES.entrySet().stream().filter(entry -> entry.getValue().equals(family)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(family + " is not a published family"));
    }

    /** Every published type name, by family, in declaration order. */
    public static Map<String, Class<? extends PublishedEvent>> all() {
        return java.util.Collections.unmodifiableMap(BY_TYPE);
    }

    /** The {@code TYPE} constant of a published record. */
    public static String typeOf(Class<?> record) {
        try {
            return (String) record.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record + " has no TYPE", e);
        }
    }

    /** The records of a family, for tests that every one is handled or documented. */
    public static List<Class<?>> records(Class<? extends PublishedEvent> family) {
        return Arrays.asList(family.getPermittedSubclasses());
    }

    private PublishedTypes() {
    }
}
