package org.allyledger.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trace collector for tests: receives OTLP traces over HTTP (protobuf) as the services export them, and
 * keeps every span. Reads the few fields of the OTLP trace messages a test asserts on, straight from the protobuf wire
 * format, so the test needs no generated classes.
 */
final class OtlpReceiver implements AutoCloseable {
    /** A received span: ids in lower-case hex, the parent empty for a root, string attributes only. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
                        Map<String, String> attributes, List<String> linkedSpanIds) {
        static final int SERVER = 2;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;

        @Override
        public String toString() {
            return "%s %s [%s] trace=%s span=%s parent=%s%s".formatted(service, name, kindName(), traceId, spanId,
                    parentSpanId.isEmpty() ? "-" : parentSpanId, linkedSpanIds.isEmpty() ? "" : " links=" + linkedSpanIds);
        }

        private String kindName() {
            return switch (kind) {
                case 1 -> "internal";
                case SERVER -> "server";
                case 3 -> "client";
                case PRODUCER -> "producer";
                case CONSUMER -> "consumer";
                default -> "unspecified";
            };
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                readRequest(ByteBuffer.wrap(body.readAllBytes()));
            } finally {
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** ExportTraceServiceRequest: 1 resource_spans. */
    private void readRequest(ByteBuffer message) {
        for (Field field : fields(message)) {
            if (field.number == 1) {
                readResourceSpans(field.bytes);
            }
        }
    }

    /** ResourceSpans: 1 resource (1 attributes), 2 scope_spans (2 spans). */
    private void readResourceSpans(ByteBuffer message) {
        String service = "";
        List<ByteBuffer> scopes = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.number == 1) {
                service = attributes(field.bytes, 1).getOrDefault("service.name", "");
            } else if (field.number == 2) {
                scopes.add(field.bytes);
            }
        }
        for (ByteBuffer scope : scopes) {
            for (Field field : fields(scope)) {
                if (field.number == 2) {
                    spans.add(readSpan(service, field.bytes));
                }
            }
        }
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 13 links (2 span_id). */
    private static ReceivedSpan readSpan(String service, ByteBuffer message) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> links = new ArrayList<>();
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> traceId = hex(field.bytes);
                case 2 -> spanId = hex(field.bytes);
                case 4 -> parent = hex(field.bytes);
                case 5 -> name = text(field.bytes);
                case 6 -> kind = (int) field.varint;
                case 9 -> attributes.putAll(keyValue(field.bytes));
                case 13 -> fields(field.bytes).stream().filter(f -> f.number == 2).forEach(f -> links.add(hex(f.bytes)));
                default -> { }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, attributes, links);
    }

    private static Map<String, String> attributes(ByteBuffer message, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        fields(message).stream().filter(f -> f.number == number).forEach(f -> attributes.putAll(keyValue(f.bytes)));
        return attributes;
    }

    /** KeyValue: 1 key, 2 value (AnyValue: 1 string, 3 int). */
    private static Map<String, String> keyValue(ByteBuffer message) {
        String key = null, value = null;
        for (Field field : fields(message)) {
            if (field.number == 1) {
                key = text(field.bytes);
            } else if (field.number == 2) {
                for (Field any : fields(field.bytes)) {
                    if (any.number == 1) {
                        value = text(any.bytes);
                    } else if (any.number == 3) {
                        value = Long.toString(any.varint);
                    }
                }
            }
        }
        return key == null || value == null ? Map.of() : Map.of(key, value);
    }

    private record Field(int number, long varint, ByteBuffer bytes) {
    }

    /** The fields of a protobuf message: varints and length-delimited values kept, fixed-width ones skipped. */
    private static List<Field> fields(ByteBuffer message) {
        ByteBuffer in = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<Field> fields = new ArrayList<>();
        while (in.hasRemaining()) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(in), null));
                case 1 -> in.position(in.position() + 8);
                case 2 -> {
                    int length = (int) varint(in);
                    ByteBuffer bytes = in.slice(in.position(), length);
                    in.position(in.position() + length);
                    fields.add(new Field(number, 0, bytes));
                }
                case 5 -> in.position(in.position() + 4);
                default -> throw new IllegalStateException("unsupported protobuf wire type in tag " + tag);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static String hex(ByteBuffer bytes) {
        byte[] raw = new byte[bytes.remaining()];
        bytes.duplicate().get(raw);
        return HexFormat.of().formatHex(raw);
    }

    private static String text(ByteBuffer bytes) {
        byte[] raw = new byte[bytes.remaining()];
        bytes.duplicate().get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }
}
