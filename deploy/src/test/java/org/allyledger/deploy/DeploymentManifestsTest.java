package org.allyledger.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders each overlay as an operator applies it and checks what deploy/README.md promises of it.
 */
class DeploymentManifestsTest {
    private static final Set<String> WRITE_SERVICES = Set.of("commitment-service", "recognition-service");
    /** The topics each write service's relay publishes to: one per stream type it owns. */
    private static final Map<String, Set<String>> RELAYED = Map.of(
            "commitment-service", Set.of(Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS),
            "recognition-service", Set.of(Topics.RECOGNITION),
            "reporting-service", Set.of());

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyObjectIsReadByItsTypedModelWithNoFieldItDoesNotKnow(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        assertEquals(List.of(), rendered.unmodelled, "objects of a kind no test reads");
        assertEquals(List.of(), rendered.unknownFields, "fields the operators would ignore");
        assertEquals(3, rendered.all(Deployment.class).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theDashboardIsGrafanaJsonWhosePanelsEachQueryAndEveryAlertHasItsExpressionSeverityAndSummary(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        ConfigMap dashboards = rendered.named(ConfigMap.class, "allyledger-dashboards");
        assertEquals("1", dashboards.getMetadata().getLabels().get("grafana_dashboard"), "the label Grafana's sidecar loads by");
        JsonNode dashboard = new ObjectMapper().readTree(dashboards.getData().get("allyledger-pipeline.json"));
        assertEquals("allyledger-pipeline", dashboard.path("uid").asText());
        List<String> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                panels.add(panel.path("title").asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText() + " queries nothing");
                panel.path("targets").forEach(target -> assertFalse(target.path("expr").asText().isBlank(), panel.path("title").asText()));
            }
        }
        assertTrue(panels.size() >= 8, "the pipeline's panels: " + panels);

        List<Rule> rules = rendered.named(PrometheusRule.class, "allyledger-pipeline").getSpec().getGroups().stream()
                .flatMap(group -> group.getRules().stream()).toList();
        Set<String> alerts = new TreeSet<>();
        for (Rule rule : rules) {
            alerts.add(rule.getAlert());
            assertFalse(rule.getExpr().getStrVal() == null || rule.getExpr().getStrVal().isBlank(), rule.getAlert());
            assertTrue(Set.of("warning", "critical").contains(rule.getLabels().get("severity")), rule.getAlert());
            assertNotNull(rule.getAnnotations().get("summary"), rule.getAlert());
        }
        assertTrue(alerts.containsAll(Set.of("AllyLedgerProjectionLagging", "AllyLedgerDeadLetter", "AllyLedgerReplicationSlotWalGrowing",
                "AllyLedgerRelayNotRunning")), "alerts: " + alerts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyDeclaredTopicIsAKafkaTopicWithItsPartitionsAndRetentionAndNoOtherIs(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        int brokers = rendered.all(KafkaNodePool.class).stream().mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        Map<String, KafkaTopic> topics = rendered.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic));
        assertEquals(Topics.DECLARED.stream().map(TopicDeclaration::name).collect(Collectors.toSet()), topics.keySet());
        for (TopicDeclaration declared : Topics.DECLARED) {
            KafkaTopic topic = topics.get(declared.name());
            assertEquals(declared.partitions(), topic.getSpec().getPartitions(), declared.name());
            assertEquals("allyledger", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            Map<String, Object> config = topic.getSpec().getConfig();
            declared.config().forEach((key, value) -> assertEquals(value, String.valueOf(config.get(key)), declared.name() + " " + key));
            // every copy on its own broker; a write acknowledged by all but one of them
            assertEquals(brokers, topic.getSpec().getReplicas(), declared.name());
            assertEquals(Math.max(1, brokers - 1), Integer.parseInt(String.valueOf(config.get("min.insync.replicas"))), declared.name());
        }
        assertEquals(overlay.equals("production") ? 3 : 1, brokers);
        Map<String, Object> broker = rendered.named(Kafka.class, "allyledger").getSpec().getKafka().getConfig();
        assertEquals(false, broker.get("auto.create.topics.enable"), "topics exist only as declared");
        assertEquals(brokers, ((Number) broker.get("default.replication.factor")).intValue());
    }

    @Test
    void everyTopicAServiceReadsOrDeadLettersToIsDeclared() throws IOException {
        Set<String> declared = Topics.DECLARED.stream().map(TopicDeclaration::name).collect(Collectors.toSet());
        for (String service : DeployGuide.SERVICES) {
            Set<String> used = new HashSet<>(incomingTopics(service));
            used.addAll(deadLetterTopics(service));
            used.addAll(RELAYED.get(service));
            assertTrue(declared.containsAll(used), service + " uses " + used + "; declared: " + declared);
        }
    }

    @Test
    void theTopicFilesAreWhatTheDeclarationGenerates() throws IOException {
        assertEquals(TopicManifests.kubernetes(Topics.DECLARED), Files.readString(DeployGuide.DEPLOY.resolve(TopicManifests.KUBERNETES)),
                "topics.yaml is stale: regenerate it (deploy/README.md)");
        assertEquals(TopicManifests.compose(Topics.DECLARED), Files.readString(DeployGuide.DEPLOY.resolve(TopicManifests.COMPOSE)),
                "create-topics.sh is stale: regenerate it (deploy/README.md)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceHasProbesResourcesASecurityContextADisruptionBudgetAndAServiceMonitor(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        for (String name : DeployGuide.SERVICES) {
            Deployment deployment = rendered.named(Deployment.class, name);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertProbe(container.getStartupProbe(), "/q/health/started", name);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", name);
            assertProbe(container.getLivenessProbe(), "/q/health/live", name);
            assertNotNull(container.getResources().getRequests().get("cpu"), name);
            assertNotNull(container.getResources().getRequests().get("memory"), name);
            assertNotNull(container.getResources().getLimits().get("memory"), name);
            assertEquals(true, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            assertEquals(true, container.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), name);

            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(rendered.all(PodDisruptionBudget.class).stream().anyMatch(pdb -> selects(pdb.getSpec().getSelector(), labels)),
                    name + " has no disruption budget");
            Service service = rendered.named(Service.class, name);
            assertTrue(rendered.all(ServiceMonitor.class).stream().anyMatch(monitor ->
                    selects(monitor.getSpec().getSelector(), service.getMetadata().getLabels())
                            && monitor.getSpec().getEndpoints().stream().anyMatch(endpoint -> "/q/metrics".equals(endpoint.getPath()))),
                    name + " is not scraped");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everySettingAServiceRequiresIsSet(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        for (String name : DeployGuide.SERVICES) {
            Container container = rendered.named(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> set = new HashMap<>();
            for (EnvFromSource source : container.getEnvFrom()) {
                rendered.named(ConfigMap.class, source.getConfigMapRef().getName()).getData().forEach(set::put);
            }
            for (EnvVar variable : container.getEnv()) {
                set.put(variable.getName(), variable.getValue() != null ? variable.getValue()
                        : "from " + variable.getValueFrom().getSecretKeyRef().getName());
            }
            for (DeployGuide.Setting setting : DeployGuide.required(name)) {
                assertEquals(DeployGuide.environmentVariable(setting.property()), setting.environmentVariable(), setting.property());
                String value = set.get(setting.environmentVariable());
                assertNotNull(value, overlay + ": " + name + " needs " + setting.environmentVariable());
                assertFalse(value.isBlank() || value.equals("set-by-overlay"), overlay + ": " + name + " " + setting.environmentVariable() + "=" + value);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theNetworkPoliciesAllowExactlyTheDocumentedFlows(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        Map<String, Map<String, String>> podLabels = new TreeMap<>();
        rendered.all(Deployment.class).forEach(deployment ->
                podLabels.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getMetadata().getLabels()));
        Set<DeployGuide.Flow> allowed = new TreeSet<>(java.util.Comparator.comparing(DeployGuide.Flow::toString));
        Set<String> isolated = new TreeSet<>();
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            List<String> targets = podLabels.entrySet().stream()
                    .filter(pod -> selects(policy.getSpec().getPodSelector(), pod.getValue())).map(Map.Entry::getKey).toList();
            List<String> types = policy.getSpec().getPolicyTypes();
            if (types.contains("Ingress") && types.contains("Egress")) {
                isolated.addAll(targets);
            }
            for (String target : targets) {
                policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> rule.getPorts().forEach(port ->
                        allowed.add(new DeployGuide.Flow(peer(peer, podLabels), target, port(port))))));
                policy.getSpec().getEgress().forEach(rule -> rule.getTo().forEach(peer -> rule.getPorts().forEach(port ->
                        allowed.add(new DeployGuide.Flow(target, peer(peer, podLabels), port(port))))));
            }
        }
        assertEquals(podLabels.keySet(), isolated, "every service's pods are denied what no policy allows, both ways");
        assertEquals(DeployGuide.flows(), allowed);
        // the Kafka listener admits the services' pods only
        rendered.named(Kafka.class, "allyledger").getSpec().getKafka().getListeners().forEach(listener ->
                assertEquals(List.of("app.kubernetes.io/component=service"), listener.getNetworkPolicyPeers().stream()
                        .map(peer -> labels(peer.getPodSelector())).toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServicesKafkaUserMayWriteAndReadExactlyItsTopicsAndGroups(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        for (String service : DeployGuide.SERVICES) {
            Map<String, Set<AclOperation>> expected = new TreeMap<>();
            Set<String> writes = new HashSet<>(RELAYED.get(service));
            writes.addAll(deadLetterTopics(service));
            writes.forEach(topic -> expected.put(topic, Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)));
            incomingTopics(service).forEach(topic -> expected.put(topic, Set.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBECONFIGS)));

            KafkaUser user = rendered.named(KafkaUser.class, service);
            assertEquals("scram-sha-512", user.getSpec().getAuthentication().getType());
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            Map<String, Set<AclOperation>> topics = new TreeMap<>();
            List<String> groupPrefixes = new ArrayList<>();
            for (AclRule acl : acls) {
                if (acl.getResource() instanceof AclRuleTopicResource topic) {
                    assertEquals(AclResourcePatternType.LITERAL, topic.getPatternType(), service);
                    topics.merge(topic.getName(), Set.copyOf(acl.getOperations()), (a, b) -> {
                        Set<AclOperation> both = new HashSet<>(a);
                        both.addAll(b);
                        return both;
                    });
                } else if (acl.getResource() instanceof AclRuleGroupResource group) {
                    assertEquals(AclResourcePatternType.PREFIX, group.getPatternType(), service);
                    assertEquals(List.of(AclOperation.READ), acl.getOperations(), service);
                    groupPrefixes.add(group.getName());
                } else {
                    throw new AssertionError(service + " may use " + acl.getResource());
                }
            }
            assertEquals(expected, topics, service);
            for (String group : consumerGroups(service)) {
                assertTrue(groupPrefixes.stream().anyMatch(group::startsWith), service + " cannot join its group " + group);
            }
            assertEquals(groupPrefixes.isEmpty(), consumerGroups(service).isEmpty(), service + " may join groups it has none of");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void postgresReplicatesLogicallyKeepsTheRelaysSlotsThroughAFailoverAndGivesEachServiceItsDatabase(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.render(overlay);
        GenericKubernetesResource cluster = rendered.all("Cluster").get(0);
        Map<String, Object> spec = map(cluster.getAdditionalProperties().get("spec"));
        Map<String, Object> parameters = map(map(spec.get("postgresql")).get("parameters"));
        assertEquals("logical", parameters.get("wal_level"));
        assertEquals("on", parameters.get("sync_replication_slots"));
        assertEquals("on", parameters.get("hot_standby_feedback"));
        assertEquals(true, map(map(spec.get("replicationSlots")).get("highAvailability")).get("enabled"));
        assertEquals(overlay.equals("production") ? 3 : 1, ((Number) spec.get("instances")).intValue());

        Map<String, Map<String, Object>> roles = new HashMap<>();
        for (Object role : (List<?>) map(spec.get("managed")).get("roles")) {
            roles.put((String) map(role).get("name"), map(role));
        }
        Map<String, String> databaseOwners = new HashMap<>();
        for (GenericKubernetesResource database : rendered.all("Database")) {
            Map<String, Object> databaseSpec = map(database.getAdditionalProperties().get("spec"));
            assertEquals(cluster.getMetadata().getName(), map(databaseSpec.get("cluster")).get("name"));
            databaseOwners.put((String) databaseSpec.get("name"), (String) databaseSpec.get("owner"));
        }
        for (String service : DeployGuide.SERVICES) {
            String database = service.substring(0, service.indexOf('-'));
            assertEquals(database, databaseOwners.get(database), "a database per service, owned by its role");
            Map<String, Object> role = roles.get(database);
            assertEquals(WRITE_SERVICES.contains(service), Boolean.TRUE.equals(role.get("replication")), database + " replication");
            String secret = (String) map(role.get("passwordSecret")).get("name");
            Container container = rendered.named(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertTrue(container.getEnv().stream().filter(variable -> variable.getName().equals("ALLYLEDGER_DB_PASSWORD"))
                    .allMatch(variable -> variable.getValueFrom().getSecretKeyRef().getName().equals(secret)), service + " uses its role's password");
        }
    }

    @Test
    void productionRunsTwoReplicasOfEachServiceAndDevOne() throws Exception {
        for (String overlay : List.of("dev", "production")) {
            RenderedOverlay rendered = RenderedOverlay.render(overlay);
            for (String service : DeployGuide.SERVICES) {
                int replicas = rendered.named(Deployment.class, service).getSpec().getReplicas();
                assertTrue(overlay.equals("production") ? replicas >= 2 : replicas == 1, overlay + " " + service + ": " + replicas);
            }
        }
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertNotNull(probe, service + " " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchExpressions().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static String labels(LabelSelector selector) {
        return new TreeMap<>(selector.getMatchLabels()).entrySet().stream().map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(","));
    }

    /** A peer as deploy/README.md writes it; a peer that is exactly one service's pods is that service. */
    private static String peer(NetworkPolicyPeer peer, Map<String, Map<String, String>> podLabels) {
        if (peer.getIpBlock() != null) {
            return "ip " + peer.getIpBlock().getCidr();
        }
        if (peer.getNamespaceSelector() == null) {
            List<String> services = podLabels.entrySet().stream().filter(pod -> selects(peer.getPodSelector(), pod.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (services.size() == 1 && peer.getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/name")) {
                return services.get(0);
            }
            return "pods " + labels(peer.getPodSelector());
        }
        return "namespaces " + labels(peer.getNamespaceSelector())
                + (peer.getPodSelector() != null ? " pods " + labels(peer.getPodSelector()) : "");
    }

    private static String port(NetworkPolicyPort port) {
        return port.getPort().getIntVal() + "/" + (port.getProtocol() != null ? port.getProtocol() : "TCP");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(DeployGuide.REPOSITORY.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> incomingTopics(String service) throws IOException {
        return matching(service, "mp\\.messaging\\.incoming\\.[^.]+\\.topic");
    }

    private static Set<String> deadLetterTopics(String service) throws IOException {
        return matching(service, "mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic");
    }

    private static Set<String> consumerGroups(String service) throws IOException {
        return matching(service, "mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id");
    }

    private static Set<String> matching(String service, String key) throws IOException {
        Properties properties = properties(service);
        return properties.stringPropertyNames().stream().filter(name -> name.matches(key)).map(properties::getProperty)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
