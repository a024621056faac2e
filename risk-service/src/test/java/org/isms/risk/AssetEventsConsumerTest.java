package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.isms.events.Sources;
import org.isms.events.Topics;
import org.isms.events.asset.Cia;
import org.isms.testing.AssetEventFixtures;
import org.isms.testing.KafkaBroker;
import org.isms.testing.TestDb;
import org.junit.jupiter.api.Test;

/**
 * The asset projection fed over real Kafka (3 partitions, as in the stack): applied once per event, only
 * from asset-service and only to the tenant the event names, bad records to the DLQ, the stream going on.
 * A test waits for a marker event with the key of the event under test: one key is one partition, so once
 * the marker is applied, everything sent before it on that key has been handled.
 */
@QuarkusTest
class AssetEventsConsumerTest {
    final String tenant = "proj-" + UUID.randomUUID().toString().substring(0, 8);
    final AssetEventFixtures fixtures = new AssetEventFixtures(tenant);

    @Test
    void shouldConsumeATopicWithAsManyPartitionsAsTheStacks() {
        // a redelivery test on one partition would prove nothing about ordering per key
        try (KafkaConsumer<String, String> c = KafkaBroker.consumer(Topics.ASSET_EVENTS)) {
            assertThat(c.partitionsFor(Topics.ASSET_EVENTS)).hasSize(Topics.PARTITIONS);
        }
        assertThat(Topics.PARTITIONS).isEqualTo(3);
    }

    @Test
    void shouldKeepTheProjectionFromAssetEvents() throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, "crm", new Cia(2, 2, 2)));
        awaitValue(() -> projection(id, "name || ':' || confidentiality || ':' || status"), "crm:2:IN_USE");

        send(classified(id, "crm", new Cia(4, 2, 2)));
        awaitValue(() -> projection(id, "confidentiality || '/' || integrity || '/' || availability"), "4/2/2");

        send(fixtures.deleted(id, "crm"));
        awaitValue(() -> projection(id, "deleted::text"), "true");
    }

    @Test
    void shouldApplyARedeliveredEventOnce() throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, "erp", new Cia(1, 1, 1)));
        awaitValue(() -> projection(id, "revision::text"), "1");

        EventEnvelope classified = classified(id, "erp", new Cia(3, 1, 1));
        send(classified);
        send(classified); // the same event id again, as after a crash before the offset commit
        // the marker has the same key (the same asset): when it is applied, both deliveries have been handled
        send(classified(id, "erp", new Cia(3, 1, 2)));
        awaitValue(() -> projection(id, "availability::text"), "2");
        assertThat(projection(id, "revision::text")).isEqualTo("3");
        assertThat(query("select count(*) from processed_event where event_id = ?", classified.id())).isEqualTo("1");
    }

    @Test
    void shouldLeaveTheProjectionAloneWhenAnOlderEventComesAfterANewerOne() throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, "hr", new Cia(2, 2, 2)));
        awaitValue(() -> projection(id, "asset_version::text"), "0");
        EventEnvelope older = classified(id, "hr", new Cia(4, 4, 4)); // version 1: dead-lettered back then, say
        EventEnvelope newer = classified(id, "hr", new Cia(3, 3, 3)); // version 2
        send(newer);
        awaitValue(() -> projection(id, "confidentiality || ':' || asset_version"), "3:2");
        // the older one replayed from the DLQ, then a marker on the same key (version 3)
        send(older);
        send(fixtures.statusChanged(id, "hr (marker)", new Cia(3, 3, 3), "IN_USE", "IN_USE"));
        awaitValue(() -> projection(id, "name"), "hr (marker)");
        assertThat(projection(id, "confidentiality || ':' || asset_version || ':' || revision")).isEqualTo("3:3:3");
        // handled (recorded once), but without effect
        assertThat(query("select count(*) from processed_event where event_id = ?", older.id())).isEqualTo("1");
    }

    @Test
    void shouldDeadLetterMalformedRecordsAndEventsNotFromAssetServiceAndGoOn() throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, "crm", new Cia(2, 2, 2)));
        awaitValue(() -> projection(id, "revision::text"), "1");
        EventEnvelope foreign = classified(id, "crm", new Cia(4, 4, 4));
        EventEnvelope empty = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.ASSET_REGISTERED,
                Sources.ASSET_SERVICE, id.toString(), OffsetDateTime.now(ZoneOffset.UTC), tenant,
                EventJson.read("{\"by\": \"x\"}"));
        try (KafkaConsumer<String, String> dlq = KafkaBroker.consumer(Topics.dlq("risk"));
                KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            // no CloudEvents headers at all
            producer.send(new ProducerRecord<>(Topics.ASSET_EVENTS, id.toString(), "{\"not\": \"an event\"}")).get();
            // headers fine, data without the snapshot its type promises
            send(empty);
            // a well-formed classification, but risk-service speaking for asset-service
            send(new EventEnvelope(foreign.id(), foreign.type(), Sources.RISK_SERVICE, foreign.subject(), foreign.time(),
                    foreign.tenant(), foreign.data()));
            // the marker on the same key: the stream went on past the bad ones
            send(fixtures.statusChanged(id, "after the bad ones", new Cia(2, 2, 2), "IN_USE", "IN_USE"));
            awaitValue(() -> projection(id, "name"), "after the bad ones");

            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(300)).forEach(dead::add);
                assertThat(dead.stream().filter(r -> id.toString().equals(r.key()))).hasSize(3);
            });
            assertThat(dead).filteredOn(r -> empty.id().equals(KafkaBroker.header(r, "ce_id")))
                    .singleElement().satisfies(r -> assertThat(KafkaBroker.header(r, "dead-letter-reason")).contains("lacks"));
            assertThat(dead).filteredOn(r -> foreign.id().equals(KafkaBroker.header(r, "ce_id")))
                    .singleElement().satisfies(r -> assertThat(KafkaBroker.header(r, "dead-letter-reason"))
                            .contains("only /isms/asset-service publishes there"));
        }
        // the foreign classification changed nothing
        assertThat(projection(id, "confidentiality::text")).isEqualTo("2");
        assertThat(query("select count(*) from processed_event where event_id = ?", foreign.id())).isEqualTo("0");
    }

    @Test
    void shouldNeverLetAnEventOfOneTenantTouchAnotherTenantsAsset() throws Exception {
        UUID id = UUID.randomUUID();
        send(fixtures.registered(id, "mine", new Cia(1, 1, 1)));
        awaitValue(() -> projection(id, "name"), "mine");
        // the same asset id in an event of another tenant: that tenant's row, never this one
        AssetEventFixtures evil = new AssetEventFixtures("evil-corp-" + tenant);
        send(evil.classified(id, "theirs", new Cia(1, 1, 1), new Cia(4, 4, 4)));
        send(evil.deleted(id, "theirs"));
        awaitValue(() -> query("select name || ':' || deleted from asset_projection where asset_id = ? and tenant_id = ?",
                id, "evil-corp-" + tenant), "theirs:true");
        assertThat(projection(id, "name || ':' || confidentiality || ':' || deleted || ':' || revision"))
                .isEqualTo("mine:1:false:1");
    }

    // ----------------------------------------------------------------------------------------- helpers

    private EventEnvelope classified(UUID id, String name, Cia cia) {
        return fixtures.classified(id, name, new Cia(1, 1, 1), cia);
    }

    static void send(EventEnvelope e) throws Exception {
        KafkaBroker.send(Topics.ASSET_EVENTS, e);
    }

    /** A column expression of this test's tenant's row of the asset. */
    private String projection(UUID id, String expression) {
        return query("select " + expression + " from asset_projection where asset_id = ? and tenant_id = ?", id, tenant);
    }

    static void awaitValue(Supplier<String> actual, String expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> expected.equals(actual.get()));
    }

    static String query(String sql, Object... args) {
        return TestDb.query(sql, args);
    }
}
