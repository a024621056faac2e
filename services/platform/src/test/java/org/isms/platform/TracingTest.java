package org.isms.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isms.events.EventEnvelope;
import org.isms.platform.outbox.Outbox;
import org.isms.testing.SharedServers;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * One trace from a request to the consumer of its event, on real PostgreSQL and Kafka: the change's trace context is
 * stored with its outbox row, the relay publishes in it (a PRODUCER span whose {@code traceparent} the record
 * carries), and the consumer's span and work are its children. The spans are the application's own, read from its
 * in-memory exporter ({@code testapp.InMemorySpans}).
 */
@QuarkusTest
class TracingTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Outbox outbox;

    @Test
    void shouldFollowARequestThroughTheOutboxAndKafkaToItsConsumerInOneTrace() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String marker = "traced-" + UUID.randomUUID();
        // the request as the gateway passes it on: the W3C traceparent of the gateway's span, sampled
        String id = given().auth().oauth2(OutboxTest.officer())
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON).body(OutboxTest.note(marker)).post("/api/notes")
                .then().statusCode(201).extract().path("id");

        // the change's trace context went into the outbox with its event, in its transaction
        assertThat(text("select trace_parent from outbox where aggregate_id = ?", id)).startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                OutboxTest.count("select count(*) from note_effect where note_id = ?", id)).isEqualTo(1));
        ConsumerRecord<String, String> record = OutboxTest.consumeUntil(r -> r.value().contains(marker),
                Duration.ofSeconds(30)).stream().filter(r -> r.value().contains(marker)).findFirst().orElseThrow();
        String traceparent = OutboxTest.header(record, "traceparent");
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-01");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).toList();
            assertThat(trace).as("the HTTP server span of the POST, continuing the caller's").anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getName()).startsWith("POST");
                assertThat(s.getParentSpanId()).isEqualTo(callerSpan);
            });
            SpanData producer = trace.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst().orElse(null);
            assertThat(producer).as("the relay's PRODUCER span, in the trace stored with the event").isNotNull();
            assertThat(producer.getName()).isEqualTo(OutboxTest.TOPIC + " publish");
            assertThat(traceparent).isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
            assertThat(trace).as("the consumer's span, child of the record's traceparent").anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER);
                assertThat(s.getParentSpanId()).isEqualTo(producer.getSpanId());
            });
            // what the consumer did runs inside its span: its insert is in the same trace
            assertThat(trace).as("the consumer's query (insert into note_effect)").anySatisfy(s -> assertThat(
                    s.getName() + " " + s.getAttributes().asMap().values()).contains("note_effect"));
        });
    }

    @Test
    void shouldSendNoTraceContextWithAnEventWrittenOutsideAnyTrace() throws Throwable {
        String note = UUID.randomUUID().toString();
        String marker = "untraced-" + UUID.randomUUID();
        EventEnvelope event = EventEnvelope.of("isms.note.created.v1", "/isms/platform-test", note, "acme",
                OffsetDateTime.now(TestClock.current()), Map.of("id", note, "text", marker));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event)));

        assertThat(text("select trace_parent from outbox where event_id = cast(? as uuid)", event.id())).isNull();
        ConsumerRecord<String, String> record = OutboxTest.consumeUntil(r -> r.value().contains(marker),
                Duration.ofSeconds(30)).stream().filter(r -> r.value().contains(marker)).findFirst().orElseThrow();
        assertThat(record.headers().lastHeader("traceparent")).isNull();
        assertThat(record.headers().lastHeader("tracestate")).isNull();
    }

    /** {@code bytes} random bytes in lower-case hex, as W3C trace and span ids are written. */
    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The one value the query finds (null when it is SQL NULL). */
    private static String text(String sql, String arg) throws SQLException {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("a row for " + arg).isTrue();
                return rs.getString(1);
            }
        }
    }
}
