package org.isms.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.isms.events.CloudEventHeaders;
import org.isms.platform.testapp.NoteEventsConsumer;
import org.isms.stack.PostgresServer;
import org.isms.testing.KafkaBroker;
import org.isms.testing.TestClock;
import org.isms.testing.SharedServers;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * How every consumer takes events (EventConsumers), on real PostgreSQL and Kafka: a good event is retried
 * through a database outage for as long as it takes and applied once, never dead-lettered, while readiness
 * reports the consumer stuck; an event not from the topic's owner is dead-lettered; a dead-letter topic can
 * be replayed through the inbox; the pipeline's figures are in the metrics.
 */
@QuarkusTest
class EventConsumersTest {
    static final String TOPIC = "isms.note.events";
    static final String DLQ = "isms.note.dlq";

    @Inject
    NoteEventsConsumer notes;

    @Test
    void shouldRetryAGoodEventThroughADatabaseOutageApplyItOnceAndNeverDeadLetterIt() throws Exception {
        String note = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        double retriedBefore = counter("isms_events_consumed_total", "outcome=\"retried\"");
        PostgresServer.Stopped pg = SharedServers.stopPostgres();
        try {
            send(record(eventId, note, "/isms/platform-test"));
            // more attempts than the old bounded retry made before it dead-lettered (8): it keeps going
            await().atMost(Duration.ofSeconds(60)).until(() -> counter("isms_events_consumed_total",
                    "outcome=\"retried\"") - retriedBefore >= 12);
            // a request meanwhile is told the database is away (503, try again), not a 500
            given().auth().oauth2(officer()).get("/api/notes").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:isms:problem:service-unavailable"));
            JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("DOWN");
            assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.data.note-effects"))
                    .contains("stuck for").contains(eventId);
        } finally {
            pg.start(Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", note)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/health/ready")
                .jsonPath().getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("UP"));
        // one record in flight per channel: once it is applied, it was not dead-lettered before
        assertThat(deadLetters().stream().map(r -> header(r, CloudEventHeaders.ID))).doesNotContain(eventId);
    }

    @Test
    void shouldDeadLetterAnEventThatDoesNotComeFromTheTopicsOwner() throws Exception {
        String note = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        send(record(foreign, note, "/isms/someone-else"));
        // the marker on the same key (partition): once it is applied, the foreign one was handled
        send(record(UUID.randomUUID().toString(), note, "/isms/platform-test"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", note)).isEqualTo(1));
        assertThat(deadLetters()).filteredOn(r -> foreign.equals(header(r, CloudEventHeaders.ID))).singleElement()
                .satisfies(r -> assertThat(header(r, "dead-letter-reason"))
                        .contains("comes from /isms/someone-else; only /isms/platform-test publishes there"));
        assertThat(OutboxTest.count("select count(*) from note_effect where event_id = ?", foreign)).isZero();
    }

    @Test
    void shouldDeadLetterWhatCouldNeverBeStoredAndGoOn() throws Exception {
        // each would fail in the database (or in the handler) on every retry and hold the partition forever
        String note = UUID.randomUUID().toString();
        Map<String, ProducerRecord<String, String>> never = new LinkedHashMap<>();
        never.put("not a JSON object but NULL", withValue(record(UUID.randomUUID().toString(), note,
                "/isms/platform-test"), "null"));
        never.put("not a JSON object but STRING", withValue(record(UUID.randomUUID().toString(), note,
                "/isms/platform-test"), "\"a note\""));
        never.put("contains a NUL character", withValue(record(UUID.randomUUID().toString(), note,
                "/isms/platform-test"), "{\"id\":\"" + note + "\",\"text\":\"nul \\u0000 here\"}"));
        never.put("outside the years 1 to 9999", withHeader(record(UUID.randomUUID().toString(), note,
                "/isms/platform-test"), CloudEventHeaders.TIME, "+10000-01-01T00:00:00Z"));
        never.put("ce_tenant is not a tenant id", withHeader(record(UUID.randomUUID().toString(), note,
                "/isms/platform-test"), CloudEventHeaders.TENANT, "Acme Corp"));
        never.put("ce_id is longer than 200", record("x".repeat(201), note, "/isms/platform-test"));
        // well-formed, but PostgreSQL refuses the value itself (SQLSTATE 22001: too long for its column)
        never.put("22001", withValue(record(UUID.randomUUID().toString(), note, "/isms/platform-test"),
                "{\"id\":\"" + note + "\",\"text\":\"" + "y".repeat(201) + "\"}"));
        for (ProducerRecord<String, String> r : never.values()) {
            send(r);
        }
        String marker = UUID.randomUUID().toString();
        send(record(marker, note, "/isms/platform-test"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from note_effect where event_id = ?", marker)).isEqualTo(1));
        assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", note)).isEqualTo(1);
        List<ConsumerRecord<String, String>> dead = deadLetters();
        never.forEach((reason, r) -> assertThat(dead).as(reason)
                .filteredOn(d -> header(d, CloudEventHeaders.ID).equals(idOf(r))).singleElement()
                .satisfies(d -> assertThat(header(d, "dead-letter-reason")).contains(reason)));
    }

    @Test
    void shouldKeepAConsumerStuckWhileAReplayOfItsPartitionSucceeds() throws Exception {
        String stuckNote = UUID.randomUUID().toString();
        String stuckEvent = UUID.randomUUID().toString();
        notes.failFor(stuckNote);
        try {
            // on partition 0, the partition the replayed record below names as its origin
            ProducerRecord<String, String> first = record(stuckEvent, stuckNote, "/isms/platform-test");
            send(new ProducerRecord<>(TOPIC, 0, first.key(), first.value(), first.headers()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumersCheck()).contains(stuckEvent));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(consumersCheck()) >= 5);
            long attemptsBefore = attempts(consumersCheck());
            // settle the replay group's place, then replay one good event of the same partition
            given().auth().oauth2(admin()).post("/ops/dlq/replay?limit=10000").then().statusCode(200);
            String replayedNote = UUID.randomUUID().toString();
            send(deadLetter(record(UUID.randomUUID().toString(), replayedNote, "/isms/platform-test"), "Connection refused"));
            JsonPath replay = given().auth().oauth2(admin()).post("/ops/dlq/replay").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(replay.getInt("applied")).isEqualTo(1);
            assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", replayedNote)).isEqualTo(1);
            // the replay's success did not clear what the live consumer is stuck on, nor restart its count
            assertThat(consumersCheck()).contains(stuckEvent);
            assertThat(attempts(consumersCheck())).isGreaterThanOrEqualTo(attemptsBefore);
            assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(503);
        } finally {
            notes.heal(stuckNote);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", stuckNote)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/health/ready")
                .jsonPath().getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("UP"));
    }

    @Test
    void shouldReplayTheDeadLetterTopicThroughTheInbox() throws Exception {
        // what an older version left in the DLQ: a good event (dead-lettered while the database was away), one
        // already applied since, and one that can never be handled
        String goodNote = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        String appliedNote = UUID.randomUUID().toString();
        String applied = UUID.randomUUID().toString();
        send(record(applied, appliedNote, "/isms/platform-test"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", appliedNote)).isEqualTo(1));
        // settle what the replay group has read so far, so the next replay sees only the three below
        given().auth().oauth2(admin()).post("/ops/dlq/replay?limit=10000").then().statusCode(200);
        String never = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            producer.send(deadLetter(record(good, goodNote, "/isms/platform-test"), "Connection refused")).get(10, TimeUnit.SECONDS);
            producer.send(deadLetter(record(applied, appliedNote, "/isms/platform-test"), "Connection refused"))
                    .get(10, TimeUnit.SECONDS);
            ProducerRecord<String, String> bad = record(never, "x", "/isms/platform-test");
            bad.headers().remove(CloudEventHeaders.TYPE);
            producer.send(deadLetter(bad, "header ce_type is missing")).get(10, TimeUnit.SECONDS);
        }

        given().auth().oauth2(TestTokens.user("v", "viewer").sign()).post("/ops/dlq/replay").then().statusCode(403);
        given().auth().oauth2(officer()).post("/ops/dlq/replay").then().statusCode(403);
        given().auth().oauth2(admin()).post("/ops/dlq/replay?limit=0").then().statusCode(400);

        JsonPath replay = given().auth().oauth2(admin()).post("/ops/dlq/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replay.getString("dlqTopic")).isEqualTo(DLQ);
        assertThat(replay.getInt("read")).isEqualTo(3);
        assertThat(replay.getInt("applied")).isEqualTo(1);
        assertThat(replay.getInt("duplicates")).isEqualTo(1);
        assertThat(replay.getList("stillFailing.eventId")).containsExactly(never);
        assertThat(replay.getString("stillFailing[0].topic")).isEqualTo(TOPIC);
        assertThat(replay.getString("stillFailing[0].reason")).contains("ce_type");
        assertThat(replay.getString("stoppedAt")).isNull();
        assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", goodNote)).isEqualTo(1);
        assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", appliedNote)).isEqualTo(1);

        // the replay keeps its place; from the beginning everything is read again and changes nothing
        assertThat(given().auth().oauth2(admin()).post("/ops/dlq/replay").jsonPath().getInt("read")).isZero();
        JsonPath again = given().auth().oauth2(admin()).post("/ops/dlq/replay?fromBeginning=true&limit=10000")
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("read")).isGreaterThanOrEqualTo(3);
        assertThat(again.getInt("applied")).isZero();
        assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", goodNote)).isEqualTo(1);
    }

    @Test
    void shouldCountThePipelineInTheMetrics() throws Exception {
        String text = "metered-" + UUID.randomUUID();
        OutboxTest.createNote(text);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(OutboxTest.count("select count(*) from outbox where payload->>'text' = ? and sent_at is not null",
                        text)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").asString();
            assertThat(metrics)
                    .containsPattern("isms_events_published_total\\{[^}]*type=\"isms.note.created.v1\"[^}]*\\} [1-9]")
                    .containsPattern("isms_events_consumed_total\\{[^}]*outcome=\"applied\"[^}]*\\} [1-9]")
                    .contains("isms_outbox_pending ")
                    .contains("isms_outbox_oldest_pending_age_seconds ")
                    // consumer lag, from the Kafka client's own metrics
                    .contains("kafka_consumer_fetch_manager_records_lag");
        });
    }

    // ----------------------------------------------------------------------------------------- helpers

    static String admin() {
        return TestTokens.user("ada", "isms-admin").sign();
    }

    static String officer() {
        return TestTokens.user("officer", "security-officer").sign();
    }

    static ProducerRecord<String, String> record(String eventId, String noteId, String source) {
        ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, noteId,
                "{\"id\":\"" + noteId + "\",\"text\":\"consumer test\"}");
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, eventId);
        h.put(CloudEventHeaders.TYPE, "isms.note.created.v1");
        h.put(CloudEventHeaders.SOURCE, source);
        h.put(CloudEventHeaders.SUBJECT, noteId);
        h.put(CloudEventHeaders.TIME, OffsetDateTime.now(TestClock.current()).toString());
        h.put(CloudEventHeaders.TENANT, "acme");
        h.forEach((k, v) -> r.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return r;
    }

    private static String consumersCheck() {
        return given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'event-consumers' }.data.note-effects");
    }

    /** "stuck for 3 s on event …, 12 attempts; …": the 12. */
    private static long attempts(String check) {
        Matcher m = Pattern.compile("(\\d+) attempts").matcher(check == null ? "" : check);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static ProducerRecord<String, String> withValue(ProducerRecord<String, String> r, String value) {
        ProducerRecord<String, String> v = new ProducerRecord<>(r.topic(), r.key(), value);
        r.headers().forEach(h -> v.headers().add(h));
        return v;
    }

    private static ProducerRecord<String, String> withHeader(ProducerRecord<String, String> r, String name,
            String value) {
        r.headers().remove(name);
        add(r, name, value);
        return r;
    }

    private static String idOf(ProducerRecord<String, String> r) {
        return new String(r.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
    }

    /** The record as SmallRye's dead-letter strategy writes it: key, value and headers kept, the reason added. */
    static ProducerRecord<String, String> deadLetter(ProducerRecord<String, String> original, String reason) {
        ProducerRecord<String, String> d = new ProducerRecord<>(DLQ, original.key(), original.value());
        add(d, "dead-letter-exception-class-name", "java.lang.IllegalStateException");
        add(d, "dead-letter-reason", reason);
        add(d, "dead-letter-topic", TOPIC);
        add(d, "dead-letter-partition", "0");
        add(d, "dead-letter-offset", "42");
        original.headers().forEach(h -> d.headers().add(h));
        return d;
    }

    private static void add(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    static void send(ProducerRecord<String, String> r) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            producer.send(r).get(10, TimeUnit.SECONDS);
        }
    }

    /** Every record of the test application's DLQ so far. */
    static List<ConsumerRecord<String, String>> deadLetters() {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c = KafkaBroker.consumer(DLQ)) {
            // read until a poll brings nothing more (the topic exists: other tests dead-letter into it)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                var got = c.poll(Duration.ofSeconds(2));
                got.forEach(all::add);
                return got.isEmpty() && !c.assignment().isEmpty();
            });
        }
        return all;
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return KafkaBroker.header(r, name);
    }

    /** The sum of a counter's series whose labels contain {@code labels}. */
    static double counter(String name, String labels) {
        String metrics = given().get("/q/metrics").asString();
        // with tracing on, a sample may carry an exemplar after its value (" # {trace_id=...} 1.0 ...")
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.E+-]+)(?: #.*)?$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
