package org.allyledger.contracts.published;

/**
 * An event as Ally Ledger publishes it: the contract portals and our own consumers read, one sealed family per topic.
 * Each record's {@code TYPE} is its CloudEvents type, which never changes once published; its fields are its JSON
 * schema's ({@code schemas/<TYPE>.json}), and evolve only by addition.
 */
public sealed interface PublishedEvent permits PeopleV1, CommitmentsV1, SponsorshipsV1, RecognitionV1 {

    /** The stream the event belongs to: its Kafka key and CloudEvents subject. */
    String streamId();

    /** A field the contract requires: a missing, null or blank one makes the record malformed, never a default. */
    static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
