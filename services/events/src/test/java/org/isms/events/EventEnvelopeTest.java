package org.isms.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.Cia;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    @Test
    void shouldRoundTripPayloadThroughJson() {
        UUID asset = UUID.randomUUID();
        var payload = new AssetClassified(asset, "CRM", new Cia(2, 2, 2), new Cia(4, 2, 2), new Cia(2, 2, 2),
                new Cia(4, 2, 2), "holds customer data", null, "officer");
        EventEnvelope event = EventEnvelope.of(EventTypes.ASSET_CLASSIFIED, "/isms/asset-service",
                asset.toString(), "acme", payload);

        String json = EventJson.write(event.data());
        EventEnvelope read = new EventEnvelope(event.id(), event.type(), event.source(), event.subject(),
                event.time(), event.tenant(), EventJson.read(json));

        assertThat(read.dataAs(AssetClassified.class)).isEqualTo(payload);
        assertThat(read.dataAs(AssetClassified.class).current().max()).isEqualTo(4);
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        var data = EventJson.read("{\"confidentiality\":1,\"integrity\":2,\"availability\":3,\"added\":true}");
        assertThat(EventJson.fromTree(data, Cia.class)).isEqualTo(new Cia(1, 2, 3));
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
        assertThatThrownBy(() -> EventEnvelope.of(EventTypes.ASSET_DELETED, "/isms/asset-service", " ", "acme",
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> EventEnvelope.of(EventTypes.ASSET_DELETED, "/isms/asset-service", "a1", null,
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    }

    @Test
    void shouldPlaceEachTypeOnItsServiceTopic() {
        assertThat(EventTypes.topicOf(EventTypes.ASSET_CLASSIFIED)).isEqualTo(Topics.ASSET_EVENTS);
        assertThat(EventTypes.topicOf(EventTypes.RISK_ACCEPTANCE_EXPIRED)).isEqualTo(Topics.RISK_EVENTS);
        assertThat(Topics.dlq("risk")).isEqualTo("isms.risk.dlq");
        assertThatThrownBy(() -> EventTypes.topicOf("com.example.x.v1")).isInstanceOf(IllegalArgumentException.class);
    }
}
