package org.allyledger.eventstore.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import org.allyledger.eventstore.StreamType;

import java.util.HashMap;
import java.util.Map;

/** Translates a stored event into its published form, by its type, with the stream type that owns that type. */
@ApplicationScoped
public class PublishedForms {
    private final Map<String, StreamType<?, ?>> streamsByType = new HashMap<>();
    private final ObjectMapper json;

    public PublishedForms(@Any Instance<StreamType<?, ?>> streams, ObjectMapper json) {
        this.json = json;
        for (StreamType<?, ?> stream : streams) {
            stream.codec().types().forEach(type -> streamsByType.put(type, stream));
        }
    }

    /** The published JSON of a stored event; its published type is checked to be the stored one (type names never change). */
    public String publish(String type, String storedPayload) {
        StreamType<?, ?> stream = streamsByType.get(type);
        if (stream == null) {
            throw new IllegalStateException("no stream type of this service stores events of type " + type);
        }
        PublishedEvent published = translate(stream, type, storedPayload);
        String publishedType = PublishedTypes.typeOf(published.getClass());
        if (!publishedType.equals(type)) {
            throw new IllegalStateException(type + " is published as " + publishedType + "; a published type name never changes");
        }
        try {
            return json.writeValueAsString(published);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the published form of " + type, e);
        }
    }

    private static <E> PublishedEvent translate(StreamType<?, E> stream, String type, String storedPayload) {
        return stream.publish(stream.codec().decode(type, storedPayload));
    }
}
