package org.isms.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.isms.e2e.RunningStack.KEYCLOAK;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;
import org.isms.events.Topics;
import org.isms.events.asset.Cia;
import org.isms.stack.PostgresServer;
import org.isms.stack.Stack;
import org.isms.testing.AssetEventFixtures;
import org.isms.testing.KafkaBroker;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack on a bad day, each fault on the real servers and bounded in time: a service killed mid-stream,
 * Kafka away during writes, PostgreSQL restarted during writes, a service killed between commit and publish.
 * Nothing committed is lost, nothing is applied twice, and everything recovers by itself. Alone:
 * {@code ./isms build && ./isms test -pl e2e -Dtest=FaultToleranceE2ETest}.
 */
@ExtendWith(RunningStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceE2ETest {
    static final String ASSETS = "http://127.0.0.1:8081";
    static final String RISKS = "http://127.0.0.1:8082";
    static final String KAFKA = "127.0.0.1:" + Stack.KAFKA_PORT;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    /**
     * R1: risk-service is killed (SIGKILL) while it consumes 10,000 asset events; after its restart the projection
     * holds exactly the 10,000 with the ratings they carried, each event applied once, and every risk flag raised once.
     */
    @Test
    @Order(1)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void r1RiskServiceKilledWhileConsumingLosesAndDoublesNothing() throws Exception {
        String officer = KeycloakTokens.password(KEYCLOAK, "officer");
        AssetEventFixtures acme = new AssetEventFixtures("acme");
        List<UUID> riskAssets = new ArrayList<>();
        try (KafkaProducer<String, String> producer = KafkaBroker.producerOn(KAFKA)) {
            for (int k = 0; k < 20; k++) {
                UUID id = UUID.randomUUID();
                riskAssets.add(id);
                producer.send(KafkaBroker.record(Topics.ASSET_EVENTS, acme.registered(id, "r1-" + run + "-risky-" + k,
                        new Cia(2, 2, 2))));
            }
        }
        List<String> risks = new ArrayList<>();
        for (UUID asset : riskAssets) {
            risks.add(recordRisk(officer, asset));
        }

        // 10,000 new assets, and a classification of each risk's asset among them, in one go
        int total = 10_000;
        try (KafkaProducer<String, String> producer = KafkaBroker.producerOn(KAFKA)) {
            for (int k = 0; k < total; k++) {
                int c = 1 + k % 4;
                send(producer, acme.registered(UUID.randomUUID(), "r1-" + run + "-" + k, new Cia(c, c, c)), "r1-" + run + "-" + k);
                if (k % 500 == 250) {
                    UUID asset = riskAssets.get(k / 500);
                    send(producer, acme.classified(asset, "r1-" + run + "-risky-" + (k / 500), new Cia(2, 2, 2),
                            new Cia(4, 2, 2)), "r1-" + run + "-classified-" + (k / 500));
                }
            }
            producer.flush();
        }
        String ours = "select count(*) from asset_projection where tenant_id = 'acme' and name ~ ?";
        String mine = "^r1-" + run + "-[0-9]+$";
        await().atMost(Duration.ofMinutes(3)).until(() -> StackControl.count("risk", ours, mine) >= 2_000);
        StackControl.kill("risk-service");
        long atKill = StackControl.count("risk", ours, mine);
        assertThat(atKill).as("killed mid-stream").isLessThan(total);

        StackControl.start("risk-service", Map.of());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> StackControl.count("risk", ours, mine) == total);
        // the ratings each event carried, each applied once (revision 1), each event recorded once
        assertThat(StackControl.count("risk", ours + " and confidentiality = 1 + split_part(name, '-', 3)::int % 4"
                + " and integrity = confidentiality and availability = confidentiality and revision = 1", mine))
                .isEqualTo(total);
        assertThat(StackControl.count("risk", "select count(*) from processed_event where consumer ="
                + " 'risk-service.asset-projection' and event_id like ?", "r1-" + run + "-%")).isEqualTo(total + 20);
        // every risk flagged once: one reason, one event
        for (String risk : risks) {
            Response r = given().auth().oauth2(officer).get(RISKS + "/api/risks/" + risk);
            assertThat(r.<List<Object>>path("reviewReasons")).as(r.asString()).hasSize(1);
            assertThat(r.<String>path("reviewReasons[0].reason")).startsWith("classification changed C2→C4");
            assertThat(StackControl.count("risk", "select count(*) from outbox where aggregate_id = ? and event_type ="
                    + " 'isms.risk.review-required.v1'", risk)).isEqualTo(1);
        }
    }

    /** R2: Kafka is stopped while 1,000 assets are written: every write is answered 201, every event delivered after. */
    @Test
    @Order(2)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void r2KafkaStoppedWhileAssetsAreWrittenLosesNoEvent() throws Exception {
        String officer = KeycloakTokens.password(KEYCLOAK, "officer");
        Set<String> written = new HashSet<>();
        StackControl.kafka().stop();
        try {
            for (int k = 0; k < 1_000; k++) {
                written.add(registerAsset(officer, "r2-" + run + "-" + k));
            }
        } finally {
            StackControl.kafka().start(Duration.ofMinutes(2));
        }
        assertThat(written).hasSize(1_000);
        Set<String> published = registeredOnKafka(written, Duration.ofMinutes(4));
        assertThat(published).containsAll(written);
        assertThat(StackControl.count("asset", "select count(*) from outbox where sent_at is null and"
                + " payload->'asset'->>'name' like ?", "r2-" + run + "-%")).isZero();
        // and the consumers got them too once Kafka was back
        await().atMost(Duration.ofMinutes(2)).until(() -> StackControl.count("risk",
                "select count(*) from asset_projection where name like ?", "r2-" + run + "-%") == 1_000);
    }

    /**
     * R6: asset-service is killed after its writes committed and before they were published (the relay paused):
     * the events are in the outbox, and published once it is back.
     */
    @Test
    @Order(3)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void r6AssetServiceKilledBetweenCommitAndPublishPublishesAfterRestart() throws Exception {
        String officer = KeycloakTokens.password(KEYCLOAK, "officer");
        StackControl.stop("asset-service");
        StackControl.start("asset-service", Map.of("ISMS_OUTBOX_RELAY_ENABLED", "false"));
        Set<String> written = new HashSet<>();
        for (int k = 0; k < 50; k++) {
            written.add(registerAsset(officer, "r6-" + run + "-" + k));
        }
        String pending = "select count(*) from outbox where sent_at is null and payload->'asset'->>'name' like ?";
        assertThat(StackControl.count("asset", pending, "r6-" + run + "-%")).as("committed, not published").isEqualTo(50);
        StackControl.kill("asset-service");

        StackControl.start("asset-service", Map.of());
        assertThat(registeredOnKafka(written, Duration.ofMinutes(3))).containsAll(written);
        await().atMost(Duration.ofMinutes(1)).until(() -> StackControl.count("asset", pending, "r6-" + run + "-%") == 0);
    }

    /**
     * R3: PostgreSQL is restarted while assets are written: readiness goes DOWN and UP again, no write that was
     * answered 201 is lost, the answers meanwhile are 503 (never a 500), and after it is back every write succeeds.
     */
    @Test
    @Order(4)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void r3PostgresRestartedDuringWritesLosesNoCommittedWrite() throws Exception {
        String officer = KeycloakTokens.password(KEYCLOAK, "officer"); // Keycloak keeps its data in PostgreSQL too
        List<String> created = new CopyOnWriteArrayList<>();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int k = 0; writing.get(); k++) {
                Response r = given().auth().oauth2(officer).contentType(ContentType.JSON)
                        .body(asset("r3-" + run + "-" + k)).post(ASSETS + "/api/assets");
                statuses.add(r.statusCode());
                if (r.statusCode() == 201) {
                    created.add(r.path("id"));
                }
            }
        }, "r3-writer");
        writer.start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> created.size() >= 30);
            PostgresServer.Stopped pg = StackControl.stopPostgres();
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> StackControl.readiness("asset-service") == 503);
                int during = statuses.size();
                await().atMost(Duration.ofMinutes(1)).until(() -> statuses.size() >= during + 5);
            } finally {
                pg.start(Duration.ofMinutes(1));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> StackControl.readiness("asset-service") == 200);
            int back = statuses.size();
            await().atMost(Duration.ofMinutes(2)).until(() -> statuses.size() >= back + 50);
            writing.set(false);
            writer.join(30_000);
            List<Integer> after;
            synchronized (statuses) {
                after = new ArrayList<>(statuses.subList(back, statuses.size()));
            }
            // a request in flight when readiness came back may still have met the old connections: from the
            // next one on, every write succeeds
            assertThat(after.subList(1, after.size())).as("after PostgreSQL is back").containsOnly(201);
            assertThat(statuses).as("never a 500").doesNotContain(500).contains(503);
        } finally {
            writing.set(false);
        }
        for (String id : created) {
            given().auth().oauth2(officer).get(ASSETS + "/api/assets/" + id).then().statusCode(200);
        }
        // Keycloak, on the same PostgreSQL, signs in again too
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> !KeycloakTokens.password(KEYCLOAK, "viewer").isBlank());
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static void send(KafkaProducer<String, String> producer, EventEnvelope e, String id) {
        producer.send(KafkaBroker.record(Topics.ASSET_EVENTS, new EventEnvelope(id, e.type(), e.source(), e.subject(),
                e.time(), e.tenant(), e.data())));
    }

    static Map<String, Object> asset(String name) {
        return Map.of("name", name, "type", "SOFTWARE", "owner", "owner",
                "classification", Map.of("confidentiality", 2, "integrity", 2, "availability", 2));
    }

    private static String registerAsset(String token, String name) {
        Response r = given().auth().oauth2(token).contentType(ContentType.JSON).body(asset(name)).post(ASSETS + "/api/assets");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        return r.path("id");
    }

    /** Records a risk on the asset once risk-service has it from its event; the risk's id. */
    private static String recordRisk(String token, UUID asset) {
        Map<String, Object> body = Map.of("title", "r1 risk on " + asset, "assetIds", List.of(asset.toString()),
                "owner", "owner", "cia", List.of("C"));
        Response[] r = new Response[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> (r[0] = given().auth()
                .oauth2(token).contentType(ContentType.JSON).body(body).post(RISKS + "/api/risks")).statusCode() != 400);
        assertThat(r[0].statusCode()).as(r[0].asString()).isEqualTo(201);
        return r[0].path("id");
    }

    /** The asset ids whose registered event is on isms.asset.events, read until all of {@code ids} are there. */
    private static Set<String> registeredOnKafka(Set<String> ids, Duration timeout) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = KafkaBroker.consumerOn(KAFKA, Topics.ASSET_EVENTS)) {
            await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (ids.contains(r.key()) && "isms.asset.registered.v1".equals(KafkaBroker.header(r, "ce_type"))) {
                        seen.add(EventJson.read(r.value()).path("asset").path("assetId").asText());
                    }
                }
                return seen.containsAll(ids);
            });
        }
        return seen;
    }
}
