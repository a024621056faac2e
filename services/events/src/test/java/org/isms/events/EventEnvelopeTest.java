package org.isms.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.Cia;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    @Test
    void shouldRoundTripPayloadThroughJson() {
        UUID asset = UUID.randomUUID();
        var payload = new AssetClassified(asset, "CRM", new Cia(2, 2, 2), new Cia(4, 2, 2), new Cia(2, 2, 2),
                new Cia(4, 2, 2), "holds customer data", null, "officer", "f3c1d6e2-officer", 3L);
        EventEnvelope event = EventEnvelope.of(EventTypes.ASSET_CLASSIFIED, Sources.ASSET_SERVICE,
                asset.toString(), "acme", OffsetDateTime.parse("2026-03-01T10:15:30+02:00"), payload);

        String json = EventJson.write(event.data());
        EventEnvelope read = new EventEnvelope(event.id(), event.type(), event.source(), event.subject(),
                event.time(), event.tenant(), EventJson.read(json));

        assertThat(read.dataAs(AssetClassified.class)).isEqualTo(payload);
        assertThat(read.dataAs(AssetClassified.class).current().max()).isEqualTo(4);
        assertThat(read.time()).isEqualTo(OffsetDateTime.parse("2026-03-01T08:15:30Z")); // kept in UTC
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        var data = EventJson.read("{\"confidentiality\":1,\"integrity\":2,\"availability\":3,\"added\":true}");
        assertThat(EventJson.fromTree(data, Cia.class)).isEqualTo(new Cia(1, 2, 3));
    }

    @Test
    void shouldReadAClassificationPublishedBeforeItCarriedTheVersion() {
        var data = EventJson.read("{\"assetId\":\"" + UUID.randomUUID() + "\",\"name\":\"CRM\","
                + "\"effective\":{\"confidentiality\":4,\"integrity\":2,\"availability\":2}}");
        assertThat(EventJson.fromTree(data, AssetClassified.class).version()).isNull();
    }

    @Test
    void shouldRejectDataOfTheWrongShape() {
        var data = EventJson.read("{\"confidentiality\":\"very\"}");
        assertThatThrownBy(() -> EventJson.fromTree(data, Cia.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Cia");
        assertThatThrownBy(() -> EventJson.read("{not json"))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void shouldRequireEveryAttribute() {
        OffsetDateTime t = OffsetDateTime.parse("2026-03-01T08:15:30Z");
        assertThatThrownBy(() -> EventEnvelope.of(EventTypes.ASSET_DELETED, Sources.ASSET_SERVICE, " ", "acme", t,
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> EventEnvelope.of(EventTypes.ASSET_DELETED, Sources.ASSET_SERVICE, "a1", null, t,
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    }

    @Test
    void shouldNameTheEventWhoseDataAConsumerCannotRead() {
        OffsetDateTime t = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        EventEnvelope empty = new EventEnvelope("e1", EventTypes.RISK_CLOSED, Sources.RISK_SERVICE, "r1", t, "acme",
                EventJson.read("null"));
        assertThatThrownBy(() -> empty.payload(Map.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("event e1 (isms.risk.closed.v1) has no data");
        EventEnvelope wrong = new EventEnvelope("e2", EventTypes.RISK_CLOSED, Sources.RISK_SERVICE, "r1", t, "acme",
                EventJson.read("[1, 2]"));
        assertThatThrownBy(() -> wrong.payload(Map.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("event e2 (isms.risk.closed.v1) has unreadable data");
        assertThat(EventEnvelope.of(EventTypes.RISK_CLOSED, Sources.RISK_SERVICE, "r1", "acme", t, Map.of("a", 1))
                .payload(Map.class)).containsEntry("a", 1);
    }

    @Test
    void shouldPlaceEachTypeOnTheTopicTheMapNames() {
        assertThat(EventTypes.topicOf(EventTypes.ASSET_CLASSIFIED)).isEqualTo(Topics.ASSET_EVENTS);
        assertThat(EventTypes.topicOf(EventTypes.RISK_ACCEPTANCE_EXPIRED)).isEqualTo(Topics.RISK_EVENTS);
        // aggregates without a topic of their own go on their service's topic, by the map, not by their name
        assertThat(EventTypes.topicOf(EventTypes.METHODOLOGY_CHANGED)).isEqualTo(Topics.RISK_EVENTS);
        assertThat(EventTypes.topicOf(EventTypes.CATALOG_ENTRY_REMOVED)).isEqualTo(Topics.RISK_EVENTS);
        assertThat(EventTypes.topicOf(EventTypes.SOA_PUBLISHED)).isEqualTo(Topics.CONTROL_EVENTS);
        assertThat(Topics.dlq("risk")).isEqualTo("isms.risk.dlq");
        // a well-formed name nobody listed is refused, not sent to isms.widget.events (a topic nobody created)
        assertThatThrownBy(() -> EventTypes.topicOf("isms.widget.made.v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no topic");
        assertThatThrownBy(() -> EventTypes.topicOf("com.example.x.v1")).isInstanceOf(IllegalArgumentException.class);
        // every type goes on a topic the stack creates, owned by a service
        assertThat(EventTypes.TOPICS.values()).allSatisfy(topic -> {
            assertThat(Topics.ALL).contains(topic);
            assertThat(Topics.ownerOf(topic)).startsWith("/isms/");
        });
        assertThat(Topics.ownerOf(Topics.ASSET_EVENTS)).isEqualTo(Sources.ASSET_SERVICE);
        assertThat(Topics.ownerOf(Topics.dlq("asset"))).isNull();
    }
}
