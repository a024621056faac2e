package org.isms.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.isms.incident.IncidentApi.sample;
import static org.isms.incident.IncidentApi.with;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isms.events.Topics;
import org.isms.events.asset.Cia;
import org.isms.incident.messaging.SiemAlertsConsumer;
import org.isms.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * The intake on real PostgreSQL and Kafka, through both doors: an alert kept once however often it comes, repeats of a
 * rule on an asset joining one incident within the window, alerts matched to assets on host names and on addresses
 * inside their CIDR ranges with the priority from the asset's criticality, what opens no incident, and unreadable
 * documents refused (HTTP) or dead-lettered (Kafka) while the rest goes on.
 */
@QuarkusTest
class SiemIntakeTest {
    static final DateTimeFormatter WAZUH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    final IncidentApi api = new IncidentApi("intake");

    /** The sshd brute-force sample as a new alert: its own id, at {@code at}. */
    static ObjectNode sshd(String id, OffsetDateTime at) {
        ObjectNode a = with(sample("wazuh/sshd-brute-force.json"), "id", id);
        a.put("timestamp", WAZUH_TIME.format(at));
        return a;
    }

    @Test
    void shouldKeepTheSameAlertOnce() {
        JsonNode alert = sample("wazuh/sshd-brute-force.json");
        JsonPath first = api.post(alert).then().statusCode(202).body("alerts", hasSize(1))
                .body("alerts[0].duplicate", equalTo(false)).body("alerts[0].disposition", equalTo("OPENED"))
                .extract().jsonPath();
        JsonPath again = api.post(alert).then().statusCode(202).body("alerts[0].duplicate", equalTo(true))
                .extract().jsonPath();
        assertThat(again.getString("alerts[0].id")).isEqualTo(first.getString("alerts[0].id"));
        assertThat(again.getString("alerts[0].incidentId")).isEqualTo(first.getString("alerts[0].incidentId"));
        // twice in one request too
        ArrayNode twice = IncidentApi.JSON.createArrayNode().add(alert).add(alert);
        api.post(twice).then().statusCode(202).body("alerts.duplicate", equalTo(List.of(true, true)));
        assertThat(api.count("select count(*) from alert where tenant_id = ?")).isEqualTo("1");
        assertThat(api.count("select alert_count from incident where tenant_id = ?")).isEqualTo("1");
        assertThat(api.count("select count(*) from outbox where tenant_id = ? and event_type = 'isms.incident.opened.v1'"))
                .isEqualTo("1");
    }

    @Test
    void shouldJoinRepeatsOfARuleOnAnAssetWithinTheWindow() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);
        List<String> incidents = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            incidents.add(api.post(sshd("1705314153." + k, t.plusMinutes(k))).then().statusCode(202).extract()
                    .jsonPath().getString("alerts[0].incidentId"));
        }
        assertThat(incidents).containsOnly(incidents.get(0));
        String incident = incidents.get(0);
        JsonPath view = api.responder().get("/api/incidents/" + incident).then().statusCode(200)
                .body("alertCount", equalTo(10)).body("status", equalTo("NEW")).body("severity", equalTo("HIGH"))
                .extract().jsonPath();
        assertThat(OffsetDateTime.parse(view.getString("firstSeen")).toInstant())
                .isEqualTo(t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(OffsetDateTime.parse(view.getString("lastSeen")).toInstant())
                .isEqualTo(t.plusMinutes(9).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(api.count("select count(*) from incident where tenant_id = ?")).isEqualTo("1");
        assertThat(api.count("select string_agg(disposition, ',' order by first_seen) from alert where tenant_id = ?"))
                .startsWith("OPENED,JOINED");
        // a repeat more than the window (1 h) after the last one opens a new incident
        String later = api.post(sshd("1705314153.99", t.plusMinutes(9).plusHours(1).plusMinutes(1))).then()
                .statusCode(202).extract().jsonPath().getString("alerts[0].incidentId");
        assertThat(later).isNotEqualTo(incident);
        // and a batch of repeats in one request joins as one
        ArrayNode batch = IncidentApi.JSON.createArrayNode();
        for (int k = 0; k < 5; k++) {
            batch.add(sshd("1705314999." + k, t.plusMinutes(80 + k)));
        }
        api.post(batch).then().statusCode(202).body("alerts.incidentId", equalTo(List.of(later, later, later, later, later)));
        api.viewer().get("/api/incidents/" + later).then().body("alertCount", equalTo(6));
    }

    @Test
    void shouldMatchAlertsToAssetsAndTakeThePriorityFromTheirCriticality() throws Exception {
        UUID web = api.asset("web-01", new Cia(4, 3, 3), List.of("web-01.acme.example"), List.of("10.20.1.0/24"));
        UUID db = api.asset("db-01", new Cia(1, 1, 1), List.of("db-01"), List.of("10.20.2.21"));
        // the host name as Wazuh writes it; the agent's address inside web-01's network
        JsonPath sshd = api.post(sample("wazuh/sshd-brute-force.json")).then().statusCode(202).extract().jsonPath();
        assertThat(sshd.getList("alerts[0].assetIds")).containsExactly(web.toString());
        String incident = sshd.getString("alerts[0].incidentId");
        // HIGH on criticality 4: P1 (incident.intake.priority.HIGH=P3,P2,P2,P1)
        api.responder().get("/api/incidents/" + incident).then().body("priority", equalTo("P1"))
                .body("assetIds", equalTo(List.of(web.toString()))).body("title", containsString("on web-01"));
        // the short name of an unqualified asset; an address only (no host): db-01, criticality 1
        JsonPath fim = api.post(sample("wazuh/syscheck-file-modified.json")).then().statusCode(202).extract().jsonPath();
        assertThat(fim.getList("alerts[0].assetIds")).containsExactly(db.toString());
        ObjectNode ipOnly = with(sample("splunk/webhook-basic.json"), "sid", "ip-only");
        ((ObjectNode) ipOnly.get("result")).put("host", "unknown-box").put("src_ip", "10.20.1.77");
        JsonPath byIp = api.post(ipOnly).then().statusCode(202).extract().jsonPath();
        assertThat(byIp.getList("alerts[0].assetIds")).containsExactly(web.toString());
        // MEDIUM (Splunk's default) on criticality 4: P2
        api.viewer().get("/api/incidents/" + byIp.getString("alerts[0].incidentId")).then().body("priority", equalTo("P2"));
        // an alert naming nothing known is kept, unmatched, and opens an incident of the unmatched criticality (2)
        JsonPath none = api.post(sample("sentinel/rest-incident.json")).then().statusCode(202).extract().jsonPath();
        assertThat(none.getList("alerts[0].assetIds")).isEmpty();
        api.viewer().get("/api/incidents/alerts?matched=false").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].ruleName", containsString("lateral movement")).body("items[0].matched", equalTo(false));
        api.viewer().get("/api/incidents/" + none.getString("alerts[0].incidentId")).then().body("priority", equalTo("P2"));
        // a retired asset matches nothing any more
        org.isms.testing.KafkaBroker.send(Topics.ASSET_EVENTS, api.assets.statusChanged(db, "db-01", new Cia(1, 1, 1),
                "IN_USE", "RETIRED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.count(
                "select count(*) from asset_network where tenant_id = ?").equals("1"));
        ObjectNode again = with(sample("wazuh/syscheck-file-modified.json"), "id", "1705316568.1");
        api.post(again).then().body("alerts[0].assetIds", hasSize(0));
    }

    @Test
    void shouldKeepAlertsThatOpenNoIncident() {
        // level 3: INFO, below incident.intake.min-severity (MEDIUM)
        api.post(sample("wazuh/minimal.json")).then().statusCode(202)
                .body("alerts[0].disposition", equalTo("BELOW_THRESHOLD")).body("alerts[0].incidentId", equalTo(null));
        // a rule the tests' configuration ignores (incident.intake.ignored-rules=splunk:ACME - Heartbeat Missing)
        api.post(sample("splunk/webhook-minimal.json")).then().statusCode(202)
                .body("alerts[0].disposition", equalTo("IGNORED_RULE")).body("alerts[0].incidentId", equalTo(null));
        assertThat(api.count("select count(*) from incident where tenant_id = ?")).isEqualTo("0");
        api.viewer().get("/api/incidents/alerts?disposition=BELOW_THRESHOLD").then().body("total", equalTo(1));
        api.viewer().get("/api/incidents/alerts?disposition=IGNORED_RULE").then().body("total", equalTo(1));
    }

    @Test
    void shouldRefuseUnreadableAlertsAndStoreNothing() {
        ArrayNode mixed = IncidentApi.JSON.createArrayNode().add(sample("wazuh/sshd-brute-force.json"))
                .add(IncidentApi.JSON.createObjectNode().put("hello", "world"));
        api.post(mixed).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("alerts[1]"))
                .body("detail", containsString("not an alert of a known format"));
        api.post("{not json").then().statusCode(400).body("detail", containsString("not JSON"));
        api.siem().queryParam("format", "qradar").body(sample("wazuh/minimal.json").toString()).post("/api/siem/alerts")
                .then().statusCode(400).body("detail", containsString("unknown alert format"));
        // the format named in the header, and a document that is not of it
        api.siem().header("X-Alert-Format", "ocsf").body(sample("wazuh/minimal.json").toString())
                .post("/api/siem/alerts").then().statusCode(400).body("detail", containsString("class_uid"));
        ArrayNode tooMany = IncidentApi.JSON.createArrayNode();
        for (int k = 0; k < 501; k++) {
            tooMany.add(sample("wazuh/minimal.json"));
        }
        api.post(tooMany).then().statusCode(400).body("detail", containsString("at most 500"));
        // readable, but a value the database cannot store (a \u0000 in a text): a 400, nothing stored
        api.post(with(sample("wazuh/windows-logon-failure.json"), "full_log", "a\u0000b")).then().statusCode(400)
                .body("detail", containsString("cannot store"));
        // a time outside what the database keeps
        api.post(with(sample("wazuh/minimal.json"), "timestamp", "0001-01-15T06:00:12.044+0000")).then()
                .statusCode(400).body("detail", containsString("1970"));
        assertThat(api.count("select count(*) from alert where tenant_id = ?")).isEqualTo("0");
    }

    @Test
    void shouldLetOnlySiemAccountsAndRespondersPostAndNotLetSiemAccountsRead() {
        // a SIEM account learns the alert's id and what became of it, not its incident or the assets it matched
        api.siem().body(sample("wazuh/sshd-brute-force.json").toString()).post("/api/siem/alerts").then()
                .statusCode(202).body("alerts[0].id", org.hamcrest.Matchers.notNullValue())
                .body("alerts[0].disposition", equalTo("OPENED"))
                .body("alerts[0].incidentId", org.hamcrest.Matchers.nullValue())
                .body("alerts[0].assetIds", org.hamcrest.Matchers.nullValue());
        api.viewer().body(sample("wazuh/minimal.json").toString()).post("/api/siem/alerts").then().statusCode(403);
        api.responder().body(sample("wazuh/minimal.json").toString()).post("/api/siem/alerts").then().statusCode(202);
        api.siem().get("/api/incidents").then().statusCode(403);
        api.siem().get("/api/incidents/alerts").then().statusCode(403);
        io.restassured.RestAssured.given().body("{}").contentType("application/json").post("/api/siem/alerts").then()
                .statusCode(401);
    }

    @Test
    void shouldReadAlertsFromKafkaOnceAndDeadLetterWhatIsNoAlert() throws Exception {
        String sshdAlert = sample("wazuh/sshd-brute-force.json").toString();
        try (KafkaProducer<String, String> p = KafkaBroker.producer();
                KafkaConsumer<String, String> dlq = KafkaBroker.consumer(Topics.dlq("incident"))) {
            p.send(record(api.tenant, null, sshdAlert)).get();
            p.send(record(api.tenant, null, sshdAlert)).get(); // delivered twice
            p.send(record(null, null, sshdAlert)).get(); // no tenant
            p.send(record(api.tenant, null, "not json")).get();
            p.send(record(api.tenant, "splunk", sample("splunk/webhook-es-notable.json").toString())).get();
            p.send(record(api.tenant, null, IncidentApi.JSON.createArrayNode().add(sample("ocsf/incident-finding.json"))
                    .add(IncidentApi.JSON.createObjectNode().put("x", 1)).toString())).get();
            // readable, but PostgreSQL refuses it (a NUL in a text of the document): that record only, the rest stays
            p.send(record(api.tenant, null, with(sample("wazuh/windows-logon-failure.json"), "full_log", "a\u0000b")
                    .toString())).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.count(
                    "select count(*) from alert where tenant_id = ?").equals("3"));
            List<String> reasons = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    String reason = KafkaBroker.header(r, "dead-letter-reason");
                    if (api.tenant.equals(KafkaBroker.header(r, SiemAlertsConsumer.TENANT_HEADER))
                            || (KafkaBroker.header(r, SiemAlertsConsumer.TENANT_HEADER) == null && r.value().equals(sshdAlert)
                                    && reason != null && reason.contains("isms-tenant"))) {
                        reasons.add(reason);
                    }
                }
                return reasons.size() >= 4;
            });
            assertThat(reasons).anyMatch(r -> r.contains("isms-tenant")).anyMatch(r -> r.contains("not JSON"))
                    .anyMatch(r -> r.contains("[1]") && r.contains("not an alert of a known format"))
                    .anyMatch(r -> r.contains("PostgreSQL refused"));
        }
        assertThat(api.count("select string_agg(format, ',' order by format) from alert where tenant_id = ?"))
                .isEqualTo("ocsf,splunk,wazuh");
    }

    static ProducerRecord<String, String> record(String tenant, String format, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.SIEM_ALERTS, null, value);
        if (tenant != null) {
            r.headers().add(SiemAlertsConsumer.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        }
        if (format != null) {
            r.headers().add(SiemAlertsConsumer.FORMAT_HEADER, format.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }
}
