package org.allyledger.infra.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestEnginesTest {
    @AfterEach
    void clearTheSwitch() {
        System.clearProperty(TestEngines.SWITCH);
    }

    @Test
    void theEmbeddedEnginesAreTheDefault() {
        System.clearProperty(TestEngines.SWITCH);
        if (System.getenv(TestEngines.ENVIRONMENT_SWITCH) == null) {
            assertEquals(TestEngines.EMBEDDED, TestEngines.selected());
        }
        System.setProperty(TestEngines.SWITCH, "");
        if (System.getenv(TestEngines.ENVIRONMENT_SWITCH) == null) {
            assertEquals(TestEngines.EMBEDDED, TestEngines.selected());
        }
    }

    @Test
    void theSwitchSelectsContainersOrEmbeddedAndRefusesAnythingElse() {
        System.setProperty(TestEngines.SWITCH, "containers");
        assertEquals(TestEngines.CONTAINERS, TestEngines.selected());
        System.setProperty(TestEngines.SWITCH, " Embedded ");
        assertEquals(TestEngines.EMBEDDED, TestEngines.selected());
        System.setProperty(TestEngines.SWITCH, "docker");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, TestEngines::selected);
        assertTrue(refused.getMessage().contains(TestEngines.SWITCH), refused.getMessage());
    }

    /**
     * Where a Docker engine answers, the containers are PostgreSQL 17 with logical replication; where none does (as on
     * the machines Ally Ledger is built on), selecting them fails at once, saying so.
     */
    @Test
    void containersRunPostgres17WithLogicalReplicationOrFailClearlyWithoutADockerEngine() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, ContainerEngines::postgres);
            assertTrue(refused.getMessage().contains("needs a Docker engine"), refused.getMessage());
            return;
        }
        TestPostgres postgres = ContainerEngines.postgres();
        postgres.createDatabaseIfMissing("engines_test");
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/engines_test",
                postgres.user(), postgres.password());
             ResultSet settings = connection.createStatement().executeQuery("select current_setting('wal_level'), current_setting('server_version_num')::int")) {
            assertTrue(settings.next());
            assertEquals("logical", settings.getString(1));
            assertTrue(settings.getInt(2) >= 170000);
        }
    }
}
