package org.allyledger.local;

/** The three services the launcher runs, with their fixed local ports and databases. */
public enum Service {
    COMMITMENT("commitment-service", 8081, "commitment"),
    RECOGNITION("recognition-service", 8082, "recognition"),
    REPORTING("reporting-service", 8083, "reporting");

    final String module;
    final int defaultPort;
    final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }
}
