package org.allyledger.contracts;

/** Kafka header names of CloudEvents 1.0 in binary mode, plus Ally Ledger's extension attributes. */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** The JSON Schema of the data: the {@code $id} of {@code schemas/<type>.json}, also served at {@code /schemas/<type>.json}. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    private static final String SCHEMA_BASE = "https://allyledger.org/schemas/";

    /** Extension {@code streamversion}: the event's version within its stream (1, 2, ...). */
    public static final String STREAM_VERSION_ATTRIBUTE = "ce_streamversion";
    /**
     * Deprecated extension with the same value as {@link #STREAM_VERSION_ATTRIBUTE}: its name is longer than the 20
     * characters CloudEvents allows; still published for the consumers that read it.
     */
    public static final String STREAM_VERSION = "ce_allyledgerstreamversion";
    /** Extension: the event's position in its service's event log. */
    public static final String LOG_POSITION = "ce_allyledgerposition";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** The {@link #DATA_SCHEMA} of an event type. */
    public static String dataSchema(String type) {
        return SCHEMA_BASE + type + ".json";
    }

    private CloudEventHeaders() {
    }
}
