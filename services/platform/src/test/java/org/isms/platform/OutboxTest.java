package org.isms.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.isms.events.CloudEventHeaders;
import org.isms.platform.outbox.OutboxPublisher;
import org.isms.platform.outbox.OutboxRelay;
import org.isms.testing.KafkaBroker;
import org.isms.testing.SharedServers;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The outbox against real PostgreSQL and Kafka: nothing lost, nothing invented, nothing doubled, in order. */
@QuarkusTest
class OutboxTest {
    static final String TOPIC = "isms.note.events";

    @Inject
    Pool pool;

    @Test
    void shouldPublishCommittedEventAsBinaryCloudEvent() {
        String marker = "committed-" + UUID.randomUUID();
        String id = createNote(marker);

        List<ConsumerRecord<String, String>> got = consumeUntil(r -> r.value().contains(marker), Duration.ofSeconds(30));
        ConsumerRecord<String, String> r = got.stream().filter(x -> x.value().contains(marker)).findFirst().orElseThrow();
        // the event's time is the time of the change, from the application's clock, in UTC
        assertThat(OffsetDateTime.parse(header(r, CloudEventHeaders.TIME)).getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(r.key()).isEqualTo(id);
        assertThat(header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo("isms.note.created.v1");
        assertThat(header(r, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(header(r, CloudEventHeaders.TENANT)).isEqualTo("acme");
        assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo("/isms/platform-test");
        assertThat(header(r, CloudEventHeaders.ID)).isNotBlank();
        assertThat(OffsetDateTime.parse(header(r, CloudEventHeaders.TIME))).isNotNull();
        assertThat(header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(org.isms.events.EventJson.read(r.value()).path("text").asText()).isEqualTo(marker);
    }

    @Test
    void shouldPublishNothingForARolledBackTransaction() throws SQLException {
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(note(rolledBack))
                .post("/api/notes/failing").then().statusCode(409);
        String after = "after-" + UUID.randomUUID();
        createNote(after);

        List<ConsumerRecord<String, String>> got = consumeUntil(r -> r.value().contains(after), Duration.ofSeconds(30));
        assertThat(got).noneMatch(r -> r.value().contains(rolledBack));
        assertThat(count("select count(*) from outbox where payload->>'text' = ?", rolledBack)).isZero();
        assertThat(count("select count(*) from note where text = ?", rolledBack)).isZero();
    }

    @Test
    void shouldPublishEventCommittedWhileKafkaWasDownOnceItIsBack() throws Exception {
        KafkaBroker.stop();
        String marker = "outage-" + UUID.randomUUID();
        String id;
        try {
            id = createNote(marker); // the state change commits although Kafka is unreachable
            // the relay tried, failed, and keeps the row pending
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from outbox where payload->>'text' = ?"
                    + " and sent_at is null and attempts > 0 and last_error is not null", marker) == 1);
        } finally {
            KafkaBroker.start();
        }
        // a later event of the same aggregate goes out after it (one aggregate's events in order, one partition):
        // once it has arrived, a second copy of the first would have arrived too
        String after = appendRaw(id, "{\"text\":\"after-" + marker + "\"}");
        List<ConsumerRecord<String, String>> got = consumeUntil(r -> r.value().contains(after), Duration.ofSeconds(60));
        assertThat(got.stream().filter(r -> r.value().contains("\"" + marker + "\""))).hasSize(1);
        assertThat(count("select count(*) from outbox where payload->>'text' = ? and sent_at is not null", marker))
                .isEqualTo(1);
    }

    @Test
    void shouldKeepPerAggregateOrderAndPublishOnceWithConcurrentRelays() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int aggregates = 8;
        int perAggregate = 25;
        try (Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement insert = c.prepareStatement("insert into outbox (event_id, event_type, topic, "
                        + "aggregate_id, tenant_id, source, occurred_at, payload) values (?, 'isms.note.created.v1', "
                        + "?, ?, 'acme', '/isms/platform-test', now(), cast(? as jsonb))")) {
            c.setAutoCommit(false);
            for (int seq = 0; seq < perAggregate; seq++) {
                for (int a = 0; a < aggregates; a++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, TOPIC);
                    insert.setString(3, run + "-agg-" + a);
                    insert.setString(4, "{\"run\":\"" + run + "\",\"seq\":" + seq + "}");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        // two more relays next to the application's own: three instances compete for the rows
        ExecutorService relays = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    OutboxRelay.producerProperties(KafkaBroker.bootstrapServers(), Duration.ofSeconds(10)));
            producers.add(producer);
            OutboxPublisher publisher = new OutboxPublisher(pool, producer, 5, Duration.ofSeconds(10));
            running.add(relays.submit(() -> await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                    .until(() -> publisher.publishPending().published() >= 0 && pendingOf(run) == 0)));
        }
        int total = aggregates * perAggregate;
        // the last row of each aggregate is its marker: once every marker is in, every row before it is too
        List<ConsumerRecord<String, String>> got = consume(Duration.ofSeconds(40), records -> records.stream()
                .filter(r -> r.value().contains(run) && r.value().matches(".*\"seq\":\\s*" + (perAggregate - 1) + "\\D.*"))
                .count() == aggregates);
        for (Future<?> f : running) {
            f.get();
        }
        relays.shutdown();
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));

        List<ConsumerRecord<String, String>> mine = got.stream().filter(r -> r.value().contains(run)).toList();
        assertThat(mine).hasSize(total);
        assertThat(mine.stream().map(r -> header(r, CloudEventHeaders.ID)).distinct()).hasSize(total);
        Map<String, List<Integer>> seqByAggregate = new HashMap<>();
        for (ConsumerRecord<String, String> r : mine) {
            int seq = Integer.parseInt(r.value().replaceAll(".*\"seq\":\\s*(\\d+).*", "$1"));
            seqByAggregate.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq);
        }
        assertThat(seqByAggregate).hasSize(aggregates);
        seqByAggregate.values().forEach(seqs -> assertThat(seqs).isSorted().hasSize(perAggregate));
    }

    /**
     * After a burst, the claim must not join each claimed row against the whole backlog. The table's statistics are
     * taken while it is drained (as autovacuum nearly always finds an outbox), then 5,000 rows arrive and a claim of
     * 50 runs as a prepared statement's generic plan: the rows the plan touches (returned, filtered out, joined
     * away, times loops) stay near the batch squared. The plan that drained a 12,000-row backlog in a minute
     * touched the batch times the backlog (250,000 here). Work counted, not time: the figure does not depend on the
     * machine.
     */
    @Test
    void shouldClaimInTimeIndependentOfTheBacklog() throws Exception {
        int backlog = 5_000;
        int batch = 50;
        try (Connection c = SharedServers.postgres().connect("isms_test")) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("analyze outbox");
                s.execute("insert into outbox (event_id, event_type, topic, aggregate_id, tenant_id, source, occurred_at,"
                        + " payload) select gen_random_uuid(), 'isms.note.created.v1', '" + TOPIC + "', 'burst-' || g,"
                        + " 'acme', '/isms/platform-test', now(), '{}'::jsonb from generate_series(1, " + backlog + ") g");
                s.execute("prepare backlog_claim(int) as " + OutboxPublisher.CLAIM);
                s.execute("set local plan_cache_mode = force_generic_plan");
                JsonNode plan;
                try (ResultSet rs = s.executeQuery("explain (analyze, format json) execute backlog_claim(" + batch + ")")) {
                    rs.next();
                    plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                }
                s.execute("deallocate backlog_claim");
                assertThat(plan.get("Actual Rows").asLong()).as("rows claimed").isEqualTo(batch);
                assertThat(rowsTouched(plan)).as("rows the claim's plan touched").isLessThan((long) batch * batch * 2)
                        .isLessThan((long) batch * backlog / 10);
            } finally {
                c.rollback();
            }
        }
    }

    /** Rows a node and its children produced or threw away, times their loops. */
    private static long rowsTouched(JsonNode node) {
        long loops = Math.max(1, node.path("Actual Loops").asLong(1));
        long rows = (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                + node.path("Rows Removed by Join Filter").asLong()) * loops;
        for (JsonNode child : node.path("Plans")) {
            rows += rowsTouched(child);
        }
        return rows;
    }

    private long pendingOf(String run) {
        try {
            return count("select count(*) from outbox where payload->>'run' = ? and sent_at is null", run);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String officer() {
        return TestTokens.user("officer", "security-officer").sign();
    }

    static String note(String text) {
        return "{\"text\":\"" + text + "\",\"priority\":\"LOW\",\"rating\":1}";
    }

    static String createNote(String text) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).body(note(text)).post("/api/notes")
                .then().statusCode(201).extract().path("id");
    }

    static long count(String sql, String arg) throws SQLException {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, String>> consumeUntil(Predicate<ConsumerRecord<String, String>> done, Duration timeout) {
        return consume(timeout, all -> all.stream().anyMatch(done));
    }

    /** Reads the topic from the beginning with a fresh group until what was read is {@code enough}. */
    static List<ConsumerRecord<String, String>> consume(Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> enough) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaBroker.consumer(TOPIC)) {
            await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(all::add);
                return enough.test(all);
            });
        }
        return all;
    }

    /** An event of a note's aggregate written straight into the outbox (as a later change would); its payload. */
    static String appendRaw(String aggregateId, String payload) throws SQLException {
        try (Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement insert = c.prepareStatement("insert into outbox (event_id, event_type, topic, "
                        + "aggregate_id, tenant_id, source, occurred_at, payload) values (?, 'isms.note.created.v1', "
                        + "?, ?, 'acme', '/isms/platform-test', now(), cast(? as jsonb))")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, TOPIC);
            insert.setString(3, aggregateId);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
        return payload.replaceAll(".*\"text\":\"([^\"]+)\".*", "$1");
    }
}
