package org.allyledger.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The benchmark's baseline for start-up and memory: the JDK's own HTTP server answering a fixed JSON body, on the
 * same JVM and options as the services. Usage: {@code BareHttpServer <port>}.
 */
public final class BareHttpServer {

    public static void main(String[] args) throws IOException {
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    private BareHttpServer() {
    }
}
