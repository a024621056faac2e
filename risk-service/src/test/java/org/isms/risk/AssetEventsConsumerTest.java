package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;
import org.isms.events.EventTypes;
import org.isms.events.Topics;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.AssetDeleted;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.Cia;
import org.isms.testing.KafkaBroker;
import org.isms.testing.TestDb;
import org.junit.jupiter.api.Test;

/** The asset projection fed over real Kafka: applied once per event, bad records to the DLQ, the stream going on. */
@QuarkusTest
class AssetEventsConsumerTest {
    final String tenant = "proj-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldKeepTheProjectionFromAssetEvents() throws Exception {
        UUID id = UUID.randomUUID();
        send(registered(id, "crm", new Cia(2, 2, 2)));
        awaitValue(() -> projection(id, "name || ':' || confidentiality || ':' || status"), "crm:2:IN_USE");

        send(classified(id, "crm", new Cia(4, 2, 2)));
        awaitValue(() -> projection(id, "confidentiality || '/' || integrity || '/' || availability"), "4/2/2");

        send(event(EventTypes.ASSET_DELETED, id, new AssetDeleted(id, "crm", "admin")));
        awaitValue(() -> projection(id, "deleted::text"), "true");
    }

    @Test
    void shouldApplyARedeliveredEventOnce() throws Exception {
        UUID id = UUID.randomUUID();
        send(registered(id, "erp", new Cia(1, 1, 1)));
        awaitValue(() -> projection(id, "revision::text"), "1");

        EventEnvelope classified = classified(id, "erp", new Cia(3, 1, 1));
        send(classified);
        send(classified); // the same event id again, as after a crash before the offset commit
        UUID marker = UUID.randomUUID();
        send(registered(marker, "marker", new Cia(1, 1, 1)));
        awaitValue(() -> projection(marker, "revision::text"), "1");
        awaitValue(() -> projection(id, "confidentiality::text"), "3");
        Thread.sleep(1000);
        assertThat(projection(id, "revision::text")).isEqualTo("2");
        assertThat(query("select count(*) from processed_event where event_id = ?", classified.id())).isEqualTo("1");
    }

    @Test
    void shouldDeadLetterMalformedRecordsAndGoOn() throws Exception {
        UUID bad = UUID.randomUUID();
        UUID badData = UUID.randomUUID();
        UUID otherTenant = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        try (KafkaConsumer<String, String> dlq = KafkaBroker.consumer(Topics.dlq("risk"));
                KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            // no CloudEvents headers at all
            producer.send(new ProducerRecord<>(Topics.ASSET_EVENTS, bad.toString(), "{\"not\": \"an event\"}")).get();
            // headers fine, data without the snapshot its type promises
            EventEnvelope empty = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.ASSET_REGISTERED,
                    "/isms/asset-service", badData.toString(), OffsetDateTime.now(ZoneOffset.UTC), tenant,
                    EventJson.read("{\"by\": \"x\"}"));
            send(empty);
            // an asset of this tenant claimed by another one
            send(registered(otherTenant, "mine", new Cia(1, 1, 1)));
            awaitValue(() -> projection(otherTenant, "tenant_id"), tenant);
            EventEnvelope hijack = registered(otherTenant, "theirs", new Cia(1, 1, 1));
            send(new EventEnvelope(hijack.id(), hijack.type(), hijack.source(), hijack.subject(), hijack.time(),
                    "evil-corp", hijack.data()));
            send(registered(good, "after the bad ones", new Cia(2, 3, 1)));

            awaitValue(() -> projection(good, "name"), "after the bad ones");
            List<String> deadKeys = new java.util.ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && !deadKeys.containsAll(List.of(bad.toString(),
                    badData.toString(), otherTenant.toString()))) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(300))) {
                    deadKeys.add(r.key());
                    if (r.key() != null && r.key().equals(badData.toString())) {
                        assertThat(KafkaBroker.header(r, "dead-letter-reason")).contains("lacks");
                    }
                }
            }
            assertThat(deadKeys).contains(bad.toString(), badData.toString(), otherTenant.toString());
        }
        assertThat(projection(otherTenant, "tenant_id || ':' || name")).isEqualTo(tenant + ":mine");
        assertThat(projection(badData, "name")).isNull();
    }

    // ----------------------------------------------------------------------------------------- helpers

    private EventEnvelope registered(UUID id, String name, Cia cia) {
        return event(EventTypes.ASSET_REGISTERED, id, new AssetRegistered(new AssetSnapshot(id, name, "SOFTWARE", "alice",
                "IN_USE", cia, cia, cia.max(), false, false, List.of(), List.of(), List.of(), List.of(), 0), "officer"));
    }

    private EventEnvelope classified(UUID id, String name, Cia cia) {
        return event(EventTypes.ASSET_CLASSIFIED, id, new AssetClassified(id, name, new Cia(1, 1, 1), cia,
                new Cia(1, 1, 1), cia, "test", null, "officer"));
    }

    private EventEnvelope event(String type, UUID id, Object payload) {
        return EventEnvelope.of(type, "/isms/asset-service", id.toString(), tenant, payload);
    }

    static void send(EventEnvelope e) throws Exception {
        KafkaBroker.send(Topics.ASSET_EVENTS, e);
    }

    private static String projection(UUID id, String expression) {
        return query("select " + expression + " from asset_projection where asset_id = ?", id);
    }

    static void awaitValue(Supplier<String> actual, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && !expected.equals(actual.get())) {
            Thread.sleep(100);
        }
        assertThat(actual.get()).isEqualTo(expected);
    }

    static String query(String sql, Object arg) {
        return TestDb.query(sql, arg);
    }
}
