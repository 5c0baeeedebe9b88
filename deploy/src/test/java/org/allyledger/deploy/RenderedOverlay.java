package org.allyledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An overlay as {@code kubectl kustomize} renders it, each object read with its typed model: Kubernetes' (fabric8),
 * Strimzi's, the Prometheus operator's. CloudNativePG publishes no Java model; its objects stay generic and the tests
 * read the fields they rely on.
 */
final class RenderedOverlay {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", GenericKubernetesResource.class),
            Map.entry("postgresql.cnpg.io/v1/Database", GenericKubernetesResource.class));

    final String name;
    final List<HasMetadata> objects = new ArrayList<>();
    /** Fields no model knows, as {@code kind/name: path [fields]}. */
    final List<String> unknownFields = new ArrayList<>();
    /** Objects of a kind without a model here. */
    final List<String> unmodelled = new ArrayList<>();

    private RenderedOverlay(String name) {
        this.name = name;
    }

    static RenderedOverlay render(String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", DeployGuide.DEPLOY.resolve("kubernetes/overlays").resolve(overlay).toString())
                    .redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("the manifests are rendered as an operator renders them: kubectl must be on the PATH", notInstalled);
        }
        String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed: " + rendered);
        }
        RenderedOverlay result = new RenderedOverlay(overlay);
        for (JsonNode document : YAML.readValues(new YAMLFactory().createParser(rendered), JsonNode.class).readAll()) {
            String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model == null) {
                result.unmodelled.add(type + " " + document.path("metadata").path("name").asText());
                continue;
            }
            HasMetadata object = YAML.treeToValue(document, model);
            if (model != GenericKubernetesResource.class) {
                unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), result.unknownFields, 0);
            }
            result.objects.add(object);
        }
        return result;
    }

    <T extends HasMetadata> List<T> all(Class<T> model) {
        return objects.stream().filter(model::isInstance).map(model::cast).toList();
    }

    List<GenericKubernetesResource> all(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> T named(Class<T> model, String name) {
        return all(model).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no " + model.getSimpleName() + " " + name));
    }

    /**
     * The models keep what they do not know in {@code additionalProperties} rather than failing; a misspelt or misplaced
     * field would be ignored by the cluster's operator just as silently, so any field found there is an error here.
     */
    private static void unknownFields(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", found, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, found, depth + 1));
            return;
        }
        String origin = value.getClass().getPackageName();
        if (!origin.startsWith("io.fabric8") && !origin.startsWith("io.strimzi") || value.getClass().isEnum()) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + " " + extra.keySet());
                }
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), found, depth + 1);
            }
        }
    }
}
