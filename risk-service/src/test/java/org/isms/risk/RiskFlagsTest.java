package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.risk.AssetEventsConsumerTest.awaitValue;
import static org.isms.risk.AssetEventsConsumerTest.send;
import static org.isms.risk.RiskApi.risk;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.Topics;
import org.isms.events.asset.Cia;
import org.isms.events.incident.IncidentEscalated;
import org.isms.events.incident.IncidentOpened;
import org.isms.events.incident.IncidentSnapshot;
import org.isms.testing.AssetEventFixtures;
import org.isms.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * Asset events on real Kafka flag the open risks of their asset for review: a classification change with
 * "classification changed C2→C4", a retirement, a deletion; once per event however often it is delivered.
 */

@QuarkusTest
class RiskFlagsTest {
    final RiskApi api = new RiskApi("flags");
    final AssetEventFixtures fixtures = new AssetEventFixtures(api.tenant);

    @Test
    void shouldFlagOpenRisksWhenTheAssetIsReclassifiedOncePerEvent() throws Exception {
        UUID asset = registered("CRM database", new Cia(2, 2, 2));
        String open = api.assessed("Data theft", asset.toString(), 3, 3, null, null);
        String other = api.create(risk("Other asset", api.asset("unrelated", 2, 2, 2)));
        String closed = api.create(risk("Closed one", asset.toString()));
        api.officer().header("If-Match", "\"0\"").body(Map.of("reason", "obsolete")).post("/api/risks/" + closed + "/close")
                .then().statusCode(200);

        EventEnvelope c2c4 = classified(asset, "CRM database", new Cia(2, 2, 2), new Cia(4, 2, 2));
        send(c2c4);
        awaitValue(() -> String.valueOf(api.get(open).<Boolean>path("reviewRequired")), "true");
        api.get(open).then()
                .body("reviewReasons.size()", equalTo(1))
                .body("reviewReasons[0].kind", equalTo("ASSET_CLASSIFIED"))
                .body("reviewReasons[0].reason", equalTo("classification changed C2→C4 (CRM database)"))
                .body("reviewReasons[0].causeType", equalTo(EventTypes.ASSET_CLASSIFIED))
                .body("reviewReasons[0].causeEventId", equalTo(c2c4.id()))
                // the asset's new C4 proposes the top impact now
                .body("proposedImpact", equalTo(5));

        // the reason's time is the event's (compared as instants: JSON drops trailing zeros of the fraction)
        assertThat(Instant.parse(api.get(open).path("reviewReasons[0].at"))).isEqualTo(c2c4.time().toInstant());

        // delivered again (a redelivery after a crash): flagged once, one event. The marker has the asset's key
        // (its partition): once it is applied, the redelivery before it has been handled.
        send(c2c4);
        send(fixtures.statusChanged(asset, "CRM database (marker)", new Cia(4, 2, 2), "IN_USE", "IN_USE"));
        awaitValue(() -> AssetEventsConsumerTest.query("select name from asset_projection where asset_id = ?", asset),
                "CRM database (marker)");
        api.get(open).then().body("reviewReasons.size()", equalTo(1));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", open,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("1");
        assertThat(RiskApi.query("select payload->>'reason' || '|' || (payload->>'causeEventId') from outbox"
                + " where aggregate_id = ? and event_type = ?", open, EventTypes.RISK_REVIEW_REQUIRED))
                .isEqualTo("classification changed C2→C4 (CRM database)|" + c2c4.id());
        api.get(other).then().body("reviewRequired", equalTo(false));
        api.get(closed).then().body("reviewRequired", equalTo(false));

        // the list finds it; a review clears it
        api.viewer().get("/api/risks?reviewRequired=true").then().body("items.id", equalTo(List.of(open)));
        api.owner().body(Map.of("comment", "C4 is right; impact stays")).post("/api/risks/" + open + "/review")
                .then().statusCode(200).body("reviewRequired", equalTo(false));
    }

    @Test
    void shouldFlagWhenTheAssetIsRetiredOrDeleted() throws Exception {
        UUID asset = registered("Old ERP", new Cia(3, 3, 3));
        String id = api.assessed("ERP outage", asset.toString(), 2, 4, null, null);

        send(fixtures.statusChanged(asset, "Old ERP", new Cia(3, 3, 3), "IN_USE", "RETIRED"));
        awaitValue(() -> String.valueOf(api.get(id).<Boolean>path("reviewRequired")), "true");
        api.get(id).then().body("reviewReasons[0].kind", equalTo("ASSET_RETIRED"))
                .body("reviewReasons[0].reason", equalTo("asset Old ERP retired (IN_USE→RETIRED)"))
                .body("assets[0].status", equalTo("RETIRED"));

        send(fixtures.deleted(asset, "Old ERP"));
        awaitValue(() -> String.valueOf(api.get(id).<Integer>path("reviewReasons.size()")), "2");
        api.get(id).then().body("reviewReasons[1].kind", equalTo("ASSET_DELETED"))
                .body("reviewReasons[1].reason", equalTo("asset Old ERP deleted from the inventory"))
                .body("assets[0].status", equalTo("DELETED"));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", id,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("2");
    }

    @Test
    void shouldNotFlagForAnOlderClassificationReplayedAfterANewerOne() throws Exception {
        UUID asset = registered("HR files", new Cia(2, 2, 2));
        String id = api.assessed("HR leak", asset.toString(), 2, 2, null, null);
        EventEnvelope older = classified(asset, "HR files", new Cia(2, 2, 2), new Cia(4, 2, 2)); // never applied
        EventEnvelope newer = classified(asset, "HR files", new Cia(2, 2, 2), new Cia(3, 2, 2));
        send(newer);
        awaitValue(() -> String.valueOf(api.get(id).<Boolean>path("reviewRequired")), "true");
        api.owner().body(Map.of("comment", "C3 is right")).post("/api/risks/" + id + "/review").then().statusCode(200);

        // the older classification comes late (a DLQ replay), then a marker on the asset's key
        send(older);
        send(fixtures.statusChanged(asset, "HR files (marker)", new Cia(3, 2, 2), "IN_USE", "IN_USE"));
        awaitValue(() -> AssetEventsConsumerTest.query("select name from asset_projection where asset_id = ?", asset),
                "HR files (marker)");
        api.get(id).then().body("reviewRequired", equalTo(false)).body("reviewReasons.size()", equalTo(0));
        assertThat(AssetEventsConsumerTest.query("select confidentiality from asset_projection where asset_id = ?",
                asset)).isEqualTo("3");
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", id,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("1");
    }

    @Test
    void shouldDeadLetterAMalformedClassificationAndFlagOnTheNextGoodOne() throws Exception {
        UUID asset = registered("Payroll", new Cia(2, 1, 1));
        String id = api.assessed("Payroll leak", asset.toString(), 2, 2, null, null);
        try (KafkaConsumer<String, String> dlq = KafkaBroker.consumer(Topics.dlq("risk"))) {
            EventEnvelope bad = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.ASSET_CLASSIFIED,
                    Sources.ASSET_SERVICE, asset.toString(), OffsetDateTime.now(ZoneOffset.UTC), api.tenant,
                    EventJson.read("{\"assetId\": \"" + asset + "\", \"effective\": {\"confidentiality\": 9}}"));
            send(bad);
            send(classified(asset, "Payroll", new Cia(2, 1, 1), new Cia(4, 1, 1)));
            awaitValue(() -> String.valueOf(api.get(id).<Boolean>path("reviewRequired")), "true");
            api.get(id).then().body("reviewReasons[0].reason", equalTo("classification changed C2→C4 (Payroll)"));

            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(300)).forEach(r -> dead.add(KafkaBroker.header(r, "ce_id")));
                assertThat(dead).contains(bad.id());
            });
        }
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", id,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("1");
    }

    @Test
    void shouldFlagTheRisksOfTheAssetsAnIncidentHitOncePerEvent() throws Exception {
        UUID hit = registered("Web shop", new Cia(3, 3, 3));
        UUID later = registered("Orders DB", new Cia(3, 3, 3));
        String shop = api.assessed("Shop defacement", hit.toString(), 2, 3, null, null);
        String orders = api.assessed("Order tampering", later.toString(), 2, 3, null, null);
        UUID incident = UUID.randomUUID();
        IncidentSnapshot opened = incident(incident, List.of(hit), List.of("I"), 0);
        EventEnvelope e = incidentEvent(EventTypes.INCIDENT_OPENED, incident,
                new IncidentOpened(opened, "wazuh:mgr", "31168", UUID.randomUUID(), null, null));
        KafkaBroker.send(Topics.INCIDENT_EVENTS, e);
        KafkaBroker.send(Topics.INCIDENT_EVENTS, e); // delivered twice
        awaitValue(() -> String.valueOf(api.get(shop).<Boolean>path("reviewRequired")), "true");
        api.get(shop).then().body("reviewReasons[0].kind", equalTo("INCIDENT"))
                .body("reviewReasons[0].reason", equalTo("incident INC-7 hit I (P2: Shellshock attack detected)"))
                .body("reviewReasons[0].causeEventId", equalTo(e.id()));
        api.get(orders).then().body("reviewRequired", equalTo(false));
        // escalated to the orders database: its risks too
        EventEnvelope esc = incidentEvent(EventTypes.INCIDENT_ESCALATED, incident, new IncidentEscalated(
                incident(incident, List.of(hit, later), List.of("C", "I"), 1), "P2", "HIGH", List.of("assets", "ciaHit"),
                "attacker reached the database", "rita", "rita-id"));
        KafkaBroker.send(Topics.INCIDENT_EVENTS, esc);
        awaitValue(() -> String.valueOf(api.get(orders).<Boolean>path("reviewRequired")), "true");
        api.get(orders).then().body("reviewReasons[0].reason", equalTo("incident INC-7 hit C/I (P2: Shellshock attack"
                + " detected)"));
        awaitValue(() -> String.valueOf(api.get(shop).<Integer>path("reviewReasons.size()")), "2");
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", shop,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("2");
    }

    private IncidentSnapshot incident(UUID id, List<UUID> assets, List<String> cia, long version) {
        return new IncidentSnapshot(id, "INC-7", "Shellshock attack detected", null, "NEW", "HIGH", "P2", null, null,
                cia, false, assets, List.of(), 1, null, null, OffsetDateTime.now(ZoneOffset.UTC), null, null, List.of(),
                version);
    }

    private EventEnvelope incidentEvent(String type, UUID id, Object payload) {
        return EventEnvelope.of(type, Sources.INCIDENT_SERVICE, id.toString(), api.tenant,
                OffsetDateTime.now(ZoneOffset.UTC), payload);
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** Sends the asset's registration and waits until the projection has it. */
    private UUID registered(String name, Cia cia) throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, name, cia));
        awaitValue(() -> AssetEventsConsumerTest.query("select name from asset_projection where asset_id = ?", id), name);
        return id;
    }

    private EventEnvelope classified(UUID id, String name, Cia from, Cia to) {
        return fixtures.classified(id, name, from, to);
    }
}
