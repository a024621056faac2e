package org.isms.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.isms.events.CloudEventHeaders;
import org.isms.events.EventJson;
import org.isms.events.Topics;
import org.isms.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

/** The events of an asset's life, as another service reads them from real Kafka. */
@QuarkusTest
class AssetEventsTest {
    final AssetApi api = new AssetApi("events");

    @Test
    void shouldPublishRegisterClassifyRetireInOrderOnceEachAsCloudEvents() throws Exception {
        String id = api.registerId(AssetApi.with(AssetApi.asset("event source"), "status", "IN_USE",
                "identifiers", Map.of("hostnames", List.of("src01"))));
        api.classify(id, 4, 2, 2, "now holds customer data").then().statusCode(200);
        api.officer().body(Map.of("to", "RETIRED")).post("/api/assets/" + id + "/transitions").then().statusCode(200);

        // a fourth change as the marker: the relay publishes one asset's events in order, so once it is there, any
        // duplicate of the three before it would be there too
        api.officer().body(Map.of("to", "DISPOSED")).post("/api/assets/" + id + "/transitions").then().statusCode(200);
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaBroker.consumer(Topics.ASSET_EVENTS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.stream().anyMatch(r -> EventJson.read(r.value()).path("to").asText().equals("DISPOSED"));
            });
        }
        mine.remove(mine.size() - 1);

        assertThat(mine).extracting(r -> KafkaBroker.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "isms.asset.registered.v1", "isms.asset.classified.v1", "isms.asset.status-changed.v1");
        assertThat(mine).extracting(r -> KafkaBroker.header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
        for (ConsumerRecord<String, String> r : mine) {
            assertThat(r.topic()).isEqualTo("isms.asset.events");
            assertThat(KafkaBroker.header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(KafkaBroker.header(r, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(KafkaBroker.header(r, CloudEventHeaders.TENANT)).isEqualTo(api.tenant);
            assertThat(KafkaBroker.header(r, CloudEventHeaders.SOURCE)).isEqualTo("/isms/asset-service");
            assertThat(KafkaBroker.header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(OffsetDateTime.parse(KafkaBroker.header(r, CloudEventHeaders.TIME))).isNotNull();
        }
        var registered = EventJson.read(mine.get(0).value());
        assertThat(registered.path("asset").path("name").asText()).isEqualTo("event source");
        assertThat(registered.path("asset").path("hostnames").get(0).asText()).isEqualTo("src01");
        assertThat(registered.path("by").asText()).isEqualTo("security-officer-user");
        assertThat(registered.path("byId").asText()).isEqualTo(org.isms.testing.TestTokens.subjectOf("security-officer-user"));
        var classified = EventJson.read(mine.get(1).value());
        assertThat(classified.path("previous").path("confidentiality").asInt()).isEqualTo(2);
        assertThat(classified.path("current").path("confidentiality").asInt()).isEqualTo(4);
        assertThat(classified.path("effective").path("confidentiality").asInt()).isEqualTo(4);
        assertThat(classified.path("reason").asText()).isEqualTo("now holds customer data");
        assertThat(classified.path("cause").isNull()).isTrue();
        // the asset's version after each change, so a consumer can tell an older event from a newer one
        assertThat(registered.path("asset").path("version").asLong()).isEqualTo(0);
        assertThat(classified.path("version").asLong()).isEqualTo(1);
        var retired = EventJson.read(mine.get(2).value());
        assertThat(retired.path("from").asText()).isEqualTo("IN_USE");
        assertThat(retired.path("to").asText()).isEqualTo("RETIRED");
        assertThat(retired.path("asset").path("version").asLong()).isEqualTo(2);
    }
}
