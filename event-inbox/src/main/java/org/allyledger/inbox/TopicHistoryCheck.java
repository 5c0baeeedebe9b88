package org.allyledger.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Read models are rebuilt from the start of their topics, so a topic that deletes old records would make a rebuild
 * silently lose them. Readiness is down, with the reason, while a topic this service consumes does not keep its whole
 * history ({@code retention.ms=-1} and {@code retention.bytes=-1}); the same is logged at start-up.
 */
@Readiness
@ApplicationScoped
public class TopicHistoryCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(TopicHistoryCheck.class);
    private static final long TIMEOUT_SECONDS = 3;

    private final Set<String> topics = new TreeSet<>();
    private final Map<String, Object> kafka;
    private volatile Admin admin;

    public TopicHistoryCheck(@Any Instance<InboxConsumer> consumers, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        consumers.forEach(consumer -> topics.add(consumer.topic()));
        this.kafka = kafka;
    }

    /** Off the start-up path: the admin client's connection and the first look at the topics do not delay readiness. */
    void checkAtStartUp(@Observes StartupEvent started) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            HealthCheckResponse response = call();
            if (response.getStatus() == HealthCheckResponse.Status.DOWN) {
                LOG.errorf("The consumed topics cannot be rebuilt from: %s", response.getData().orElse(Map.of()));
            }
        });
    }

    void close(@Observes ShutdownEvent stopped) {
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("topics keep their history").up();
        try {
            List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin().describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                String problem = problem(configs.get(resource));
                health.withData(resource.name(), problem == null ? "keeps every record" : problem);
                if (problem != null) {
                    health.down();
                }
            }
        } catch (Exception e) {
            health.down().withData("kafka", "cannot read the topics' configuration: " + e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return health.build();
    }

    /** Why a topic's configuration would lose history, or null. */
    static String problem(Config config) {
        String retentionMs = value(config, "retention.ms");
        String retentionBytes = value(config, "retention.bytes");
        if (!"-1".equals(retentionMs)) {
            return "deletes records older than retention.ms=" + retentionMs + "; a rebuild reads from the start of the log: set retention.ms=-1";
        }
        if (!"-1".equals(retentionBytes)) {
            return "deletes records beyond retention.bytes=" + retentionBytes + "; set retention.bytes=-1";
        }
        return null;
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = TopicEnds.admin(kafka, "topic-history-check", TIMEOUT_SECONDS);
                }
            }
        }
        return admin;
    }
}
