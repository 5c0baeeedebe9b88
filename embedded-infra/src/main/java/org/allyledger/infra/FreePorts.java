package org.allyledger.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A port free on this machine now, for engines and services started beside others (tests, benchmarks). */
public final class FreePorts {

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free now whose next one is free too: for Kafka, whose controller listens on the client port + 1. */
    public static int nextPair() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                first.setReuseAddress(true);
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        second.setReuseAddress(true);
                        return port;
                    } catch (IOException taken) {
                        // the next one is in use: try another pair
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no two consecutive free ports found");
    }

    private FreePorts() {
    }
}
