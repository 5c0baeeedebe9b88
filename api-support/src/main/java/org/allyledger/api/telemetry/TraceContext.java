package org.allyledger.api.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;

import java.util.List;

/**
 * The W3C {@code traceparent} of a span, as stored beside an event and carried on its Kafka record, and the context it
 * names: how one trace continues from the HTTP request through the event store, the relay and every consumer.
 */
public final class TraceContext {
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The span's {@code traceparent}, or null when it is not recorded (tracing off, or not sampled). */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        String[] header = new String[1];
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), header, (carrier, key, value) -> {
            if (HEADER.equals(key)) {
                carrier[0] = value;
            }
        });
        return header[0];
    }

    /** The context a {@code traceparent} names, to continue its trace; the root context when there is none or it is malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }
}
