package org.allyledger.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Ally Ledger locally on fixed ports with its data under {@code .allyledger/} (or the directory named by
 * {@code -Dallyledger.data}; ports from {@code -Dallyledger.ports}), prints where everything is, and stops it all on Ctrl-C.
 */
public final class LocalLauncher {

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path repository = Path.of(System.getProperty("allyledger.home", "."));
        Path data = Path.of(System.getProperty("allyledger.data", repository.resolve(".allyledger").toString()));
        LocalSystem system = new LocalSystem(repository, data, LocalSystem.Ports.fromSystemProperty());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Ally Ledger...");
            system.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "allyledger-stop"));
        try {
            system.start();
        } catch (LocalSystem.PortsTakenException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("""

                Ally Ledger is up (started in %.1f s). Data: %s
                  commitment-service   %s   (Swagger UI: %s)
                  recognition-service  %s   (Swagger UI: %s)
                  reporting-service    %s   (Swagger UI: %s)
                  PostgreSQL           localhost:%d  (databases commitment, recognition, reporting; user postgres)
                  Kafka                %s
                  Logs                 %s
                Press Ctrl-C to stop.
                %n""", millis / 1000.0, system.dataDir(),
                system.url(Service.COMMITMENT, ""), system.url(Service.COMMITMENT, "/q/swagger-ui"),
                system.url(Service.RECOGNITION, ""), system.url(Service.RECOGNITION, "/q/swagger-ui"),
                system.url(Service.REPORTING, ""), system.url(Service.REPORTING, "/q/swagger-ui"),
                system.postgresPort(), system.kafkaBootstrapServers(), system.dataDir().resolve("logs"));
        stopped.await();
    }

    private LocalLauncher() {
    }
}
