package org.isms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.isms.events.CloudEventHeaders;
import org.isms.events.EventEnvelope;
import org.isms.platform.inbox.Inbox;
import org.isms.testing.KafkaBroker;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The inbox runs a consumer's effect once per event, however often the event is delivered. */
@QuarkusTest
class InboxTest {
    @Inject
    Inbox inbox;

    static EventEnvelope event() {
        return EventEnvelope.of("isms.note.created.v1", "/isms/platform-test", UUID.randomUUID().toString(), "acme",
                OffsetDateTime.now(TestClock.current()), Map.of("text", "x"));
    }

    boolean process(String consumer, EventEnvelope event, java.util.function.Supplier<Uni<Void>> effect)
            throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> inbox.processOnce(consumer, event, effect));
    }

    @Test
    void shouldRunTheEffectOncePerEvent() throws Throwable {
        AtomicInteger effects = new AtomicInteger();
        EventEnvelope event = event();
        assertThat(process("test-consumer", event, () -> count(effects))).isTrue();
        assertThat(process("test-consumer", event, () -> count(effects))).isFalse();
        assertThat(process("test-consumer", event, () -> count(effects))).isFalse();
        assertThat(effects).hasValue(1);
    }

    @Test
    void shouldTrackEachConsumerSeparately() throws Throwable {
        AtomicInteger effects = new AtomicInteger();
        EventEnvelope event = event();
        assertThat(process("consumer-a", event, () -> count(effects))).isTrue();
        assertThat(process("consumer-b", event, () -> count(effects))).isTrue();
        assertThat(effects).hasValue(2);
    }

    @Test
    void shouldLeaveNoRecordWhenTheEffectFails() throws Throwable {
        AtomicInteger effects = new AtomicInteger();
        EventEnvelope event = event();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> process("test-consumer", event,
                () -> Uni.createFrom().failure(new IllegalStateException("effect failed"))))
                .isInstanceOf(IllegalStateException.class);
        // the failed attempt left no trace, so the redelivery does the work
        assertThat(process("test-consumer", event, () -> count(effects))).isTrue();
        assertThat(effects).hasValue(1);
    }

    @Test
    void shouldApplyARedeliveredKafkaEventOnceAndDeadLetterAMalformedOne() throws Exception {
        String noteId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            send(producer, eventId, noteId, "{\"id\":\"" + noteId + "\",\"text\":\"redelivered\"}");
            send(producer, eventId, noteId, "{\"id\":\"" + noteId + "\",\"text\":\"redelivered\"}");
            // malformed: no ce_type header
            ProducerRecord<String, String> bad = new ProducerRecord<>("isms.note.events", "bad", "{\"id\":1}");
            bad.headers().add(new RecordHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8)));
            producer.send(bad).get(10, TimeUnit.SECONDS);
            // the stream goes on after the bad one
            String nextNote = UUID.randomUUID().toString();
            send(producer, UUID.randomUUID().toString(), nextNote, "{\"id\":\"" + nextNote + "\",\"text\":\"next\"}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", nextNote)).isEqualTo(1));
            assertThat(OutboxTest.count("select count(*) from note_effect where note_id = ?", noteId)).isEqualTo(1);
        }
        List<ConsumerRecord<String, String>> dead = readAll("isms.note.dlq", Duration.ofSeconds(20));
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("bad");
            assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("ce_time");
        });
    }

    private static void send(KafkaProducer<String, String> producer, String eventId, String key, String data)
            throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>("isms.note.events", key, data);
        Map<String, String> h = Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, "isms.note.created.v1", CloudEventHeaders.SOURCE, "/isms/platform-test",
                CloudEventHeaders.SUBJECT, key, CloudEventHeaders.TIME, OffsetDateTime.now(TestClock.current()).toString(),
                CloudEventHeaders.TENANT, "acme");
        h.forEach((k, v) -> r.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(r).get(10, TimeUnit.SECONDS);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> all = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> c = KafkaBroker.consumer(topic)) {
            await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                c.poll(Duration.ofMillis(500)).forEach(all::add);
                return !all.isEmpty();
            });
        }
        return all;
    }

    private static Uni<Void> count(AtomicInteger effects) {
        return Uni.createFrom().voidItem().invoke(effects::incrementAndGet);
    }
}
