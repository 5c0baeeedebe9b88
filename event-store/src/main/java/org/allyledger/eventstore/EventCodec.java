package org.allyledger.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/** Maps the records of a sealed event family to and from their stored type name and JSON payload. */
public final class EventCodec<E> {
    private final Map<String, Class<? extends E>> classesByType = new HashMap<>();
    private final Map<Class<?>, String> typesByClass = new HashMap<>();
    private final ObjectMapper json;

    private EventCodec(Class<E> family, ObjectMapper json) {
        this.json = json;
        if (!family.isSealed()) {
            throw new IllegalArgumentException(family + " must be a sealed interface of event records");
        }
        for (Class<?> permitted : family.getPermittedSubclasses()) {
            EventType type = permitted.getAnnotation(EventType.class);
            if (type == null) {
                throw new IllegalArgumentException(permitted + " has no @EventType");
            }
            if (classesByType.put(type.value(), permitted.asSubclass(family)) != null) {
                throw new IllegalArgumentException("two events are named " + type.value());
            }
            typesByClass.put(permitted, type.value());
        }
    }

    public static <E> EventCodec<E> of(Class<E> family, ObjectMapper json) {
        return new EventCodec<>(family, json);
    }

    /** The type names of the family's events. */
    public java.util.Set<String> types() {
        return java.util.Collections.unmodifiableSet(classesByType.keySet());
    }

    /** The stored type name of an event record class of the family, for queries over the event store. */
    public String typeOf(Class<? extends E> eventClass) {
        String type = typesByClass.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException(eventClass + " is not an event of this family");
        }
        return type;
    }

    public String typeOf(E event) {
        return typesByClass.get(event.getClass());
    }

    public String encode(E event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + typeOf(event), e);
        }
    }

    public E decode(String type, String payload) {
        Class<? extends E> target = classesByType.get(type);
        if (target == null) {
            throw new IllegalStateException("unknown event type " + type + " in the log");
        }
        try {
            return json.readValue(payload, target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored event of type " + type, e);
        }
    }
}
