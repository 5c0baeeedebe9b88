package org.allyledger.contracts.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.allyledger.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The AsyncAPI catalogue names every published type, on its topic, with its schema; and nothing else. */
class AsyncApiCatalogueTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyPublishedTypeHasAMessageWithItsSchemaAndEveryMessageAType() throws IOException {
        JsonNode catalogue = catalogue();
        Map<String, String> messageTypes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> messages = catalogue.path("components").path("messages").fields(); messages.hasNext(); ) {
            Map.Entry<String, JsonNode> message = messages.next();
            String type = message.getValue().path("name").asText();
            messageTypes.put(type, message.getKey());
            assertEquals("schemas/" + type + ".json", message.getValue().path("payload").path("$ref").asText(), type);
            assertNotNull(AsyncApiCatalogueTest.class.getResource("/schemas/" + type + ".json"), type);
        }
        assertEquals(new TreeSet<>(PublishedTypes.all().keySet()), messageTypes.keySet());
    }

    @Test
    void eachTopicIsAChannelCarryingExactlyItsFamilyKeepingItsHistory() throws IOException {
        JsonNode catalogue = catalogue();
        Set<String> addresses = new TreeSet<>();
        for (JsonNode channel : catalogue.path("channels")) {
            String topic = channel.path("address").asText();
            addresses.add(topic);
            Set<String> types = new TreeSet<>();
            channel.path("messages").fields().forEachRemaining(message -> types.add(catalogue.path("components").path("messages")
                    .path(message.getValue().path("$ref").asText().replace("#/components/messages/", "")).path("name").asText()));
            Set<String> family = new TreeSet<>();
            PublishedTypes.records(PublishedTypes.family(topic)).forEach(record -> family.add(PublishedTypes.typeOf(record)));
            assertEquals(family, types, topic);
            assertEquals(Topics.declaration(topic).orElseThrow().partitions(), channel.path("bindings").path("kafka").path("partitions").asInt());
            assertEquals(-1, channel.path("bindings").path("kafka").path("topicConfiguration").path("retention.ms").asLong(), topic);
        }
        assertEquals(Set.of(Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS, Topics.RECOGNITION), addresses);
    }

    private static JsonNode catalogue() throws IOException {
        try (InputStream in = AsyncApiCatalogueTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml");
            return YAML.readTree(in);
        }
    }
}
