package org.isms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.control.ControlApi.implementation;
import static org.isms.testing.TestDb.query;

import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isms.events.EventEnvelope;
import org.isms.events.Sources;
import org.isms.events.Topics;
import org.isms.testing.KafkaBroker;
import org.isms.testing.RiskEventFixtures;
import org.junit.jupiter.api.Test;

/**
 * The Statement of Applicability derived from risk events over real Kafka: a risk's treatment makes its controls
 * applicable with the risk as the reason, holds them there and frees them when it closes; published versions freeze
 * it and compare.
 */
@QuarkusTest
class SoaTest {
    final ControlApi api = new ControlApi("soa");
    final RiskEventFixtures risks = new RiskEventFixtures(api.tenant);

    @Test
    void shouldMakeTheControlsARiskIsTreatedWithApplicableAndFreeThemWhenItCloses() throws Exception {
        UUID risk = UUID.randomUUID();
        KafkaBroker.send(Topics.RISK_EVENTS, risks.identified(risk, "Phishing of finance staff"));
        EventEnvelope planned = risks.treatmentPlanned(risk, "Phishing of finance staff", List.of("8.5", "5.17"));
        KafkaBroker.send(Topics.RISK_EVENTS, planned);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.5").then()
                .body("applicable", equalTo(true)).body("calledFor[0].id", equalTo(risk.toString())));
        api.viewer().get("/api/controls/5.17").then().body("applicable", equalTo(true))
                .body("reason", equalTo("called for by risk Phishing of finance staff"));
        api.viewer().get("/api/controls?calledForByRisk=true").then().body("items.id", equalTo(List.of("5.17", "8.5")));
        // each control's change is announced, naming the risk event that caused it
        assertThat(query("select string_agg(aggregate_id || ':' || (payload->>'causeEventId'), ',' order by aggregate_id)"
                + " from outbox where tenant_id = ? and event_type = 'isms.control.applicability-changed.v1'", api.tenant))
                .isEqualTo("5.17:" + planned.id() + ",8.5:" + planned.id());

        // while the risk calls for it, 8.5 cannot be excluded: 409 naming the risk, nothing changes
        api.decide("8.5", implementation(false, "we use passwords only", "NOT_STARTED", null)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("Phishing of finance staff"));
        api.viewer().get("/api/controls/8.5").then().body("decided", equalTo(null)).body("version", equalTo(0));

        KafkaBroker.send(Topics.RISK_EVENTS, risks.closed(risk, "Phishing of finance staff", List.of("8.5", "5.17")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.5").then()
                .body("calledFor.size()", equalTo(0)).body("applicable", equalTo(null)));
        api.decide("8.5", implementation(false, "authentication is the identity provider's, out of scope", "NOT_STARTED",
                null)).then().statusCode(200).body("applicable", equalTo(false));
        assertThat(api.viewer().get("/api/controls/8.5/history").jsonPath().<String>getList("summary"))
                .containsExactly("risk 'Phishing of finance staff' calls for it",
                        "risk 'Phishing of finance staff' no longer calls for it (closed)",
                        "excluded: authentication is the identity provider's, out of scope");
    }

    @Test
    void shouldLetTheOwnerMoveTheStatusOfAnExcludedControlARiskNowCallsFor() throws Exception {
        api.owner().get("/api/controls").then().statusCode(200);
        api.decide("6.3", implementation(false, "no staff of our own", "NOT_STARTED", "alice")).then().statusCode(200);
        UUID risk = UUID.randomUUID();
        KafkaBroker.send(Topics.RISK_EVENTS, risks.treatmentPlanned(risk, "Phishing of contractors", List.of("6.3")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/6.3").then()
                .body("applicable", equalTo(true)));
        // the risk alone is the reason: the exclusion's reason is none to include it
        api.viewer().get("/api/controls/6.3").then().body("decided", equalTo(false))
                .body("reason", equalTo("called for by risk Phishing of contractors"));
        // the owner's status change stands, though the decision it leaves alone would not be taken now
        api.owner().header("If-Match", api.etag("6.3")).body(implementation(false, "no staff of our own", "PLANNED",
                "alice")).put("/api/controls/6.3/implementation").then().statusCode(200).body("status", equalTo("PLANNED"));
    }

    @Test
    void shouldApplyARiskEventOnceAndIgnoreAnOlderOne() throws Exception {
        UUID risk = UUID.randomUUID();
        KafkaBroker.send(Topics.RISK_EVENTS, risks.identified(risk, "Ransomware on file servers"));
        EventEnvelope older = risks.treatmentPlanned(risk, "Ransomware on file servers", List.of("8.7"));
        EventEnvelope newer = risks.treatmentPlanned(risk, "Ransomware on file servers", List.of("8.13"));
        KafkaBroker.send(Topics.RISK_EVENTS, newer);
        KafkaBroker.send(Topics.RISK_EVENTS, newer); // redelivered
        KafkaBroker.send(Topics.RISK_EVENTS, older); // a dead letter replayed late
        // a marker on the same key: once it is applied, everything before it was handled
        KafkaBroker.send(Topics.RISK_EVENTS, risks.treatmentPlanned(risk, "Ransomware (marker)", List.of("8.13")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.13").then()
                .body("calledFor[0].title", equalTo("Ransomware (marker)")));
        api.viewer().get("/api/controls/8.7").then().body("calledFor.size()", equalTo(0));
        assertThat(query("select count(*) from processed_event where event_id = ?", newer.id())).isEqualTo("1");
        assertThat(query("select count(*) from outbox where tenant_id = ? and aggregate_id = '8.13'", api.tenant))
                .isEqualTo("1");
        // deleting the risk frees its controls
        KafkaBroker.send(Topics.RISK_EVENTS, risks.deleted(risk, "Ransomware (marker)", List.of("8.13")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.13").then()
                .body("calledFor.size()", equalTo(0)));
    }

    @Test
    void shouldNameTwentyRisksPerControlInListsAndAllOfThemForOneControl() throws Exception {
        for (int k = 0; k < 22; k++) {
            KafkaBroker.send(Topics.RISK_EVENTS, risks.treatmentPlanned(UUID.randomUUID(), String.format("Asset loss %02d", k),
                    List.of("5.9")));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/5.9").then()
                .body("calledForCount", equalTo(22)).body("calledFor.size()", equalTo(22)));
        api.viewer().get("/api/controls?q=5.9").then().body("items[0].calledForCount", equalTo(22))
                .body("items[0].calledFor.size()", equalTo(20))
                .body("items[0].calledFor[19].title", equalTo("Asset loss 19"))
                .body("items[0].reason", containsString("Asset loss 19 and 2 more"));
        api.viewer().get("/api/soa").then().body("entries.find { it.controlId == '5.9' }.riskCount", equalTo(22));
    }

    @Test
    void shouldDeadLetterWhatIsNotARiskEventOfRiskServiceAndGoOn() throws Exception {
        UUID risk = UUID.randomUUID();
        EventEnvelope foreign = risks.treatmentPlanned(risk, "Spoofed", List.of("5.1"));
        try (KafkaConsumer<String, String> dlq = KafkaBroker.consumer(Topics.dlq("control"));
                KafkaProducer<String, String> producer = KafkaBroker.producer()) {
            producer.send(new ProducerRecord<>(Topics.RISK_EVENTS, risk.toString(), "{\"not\": \"an event\"}")).get();
            KafkaBroker.send(Topics.RISK_EVENTS, new EventEnvelope(foreign.id(), foreign.type(), Sources.ASSET_SERVICE,
                    foreign.subject(), foreign.time(), foreign.tenant(), foreign.data()));
            KafkaBroker.send(Topics.RISK_EVENTS, risks.event(foreign.type(), risk, Map.of("by", "x")));
            KafkaBroker.send(Topics.RISK_EVENTS, risks.treatmentPlanned(risk, "Real", List.of("5.2")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/5.2").then()
                    .body("calledFor[0].title", equalTo("Real")));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(300)).forEach(dead::add);
                assertThat(dead.stream().filter(r -> risk.toString().equals(r.key()))).hasSize(3);
            });
        }
        api.viewer().get("/api/controls/5.1").then().body("calledFor.size()", equalTo(0));
    }

    @Test
    void shouldPublishOnlyACompleteStatementAndCompareItsVersions() throws Exception {
        api.officer().body(Map.of()).post("/api/soa/publish").then().statusCode(409)
                .body("detail", containsString("93 control(s) not yet decided"));
        UUID risk = UUID.randomUUID();
        KafkaBroker.send(Topics.RISK_EVENTS, risks.treatmentPlanned(risk, "Stolen laptops", List.of("8.1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.1").then()
                .body("applicable", equalTo(true)));
        for (Map<String, Object> c : api.viewer().get("/api/controls?size=200").jsonPath().<Map<String, Object>>getList(
                "items")) {
            if (c.get("applicable") == null) {
                api.decide((String) c.get("id"), implementation(false, "not in scope for the pilot", "NOT_STARTED",
                        null)).then().statusCode(200);
            }
        }
        api.viewer().post("/api/soa/publish").then().statusCode(403);
        api.officer().body(Map.of("note", "first issue")).post("/api/soa/publish").then().statusCode(201)
                .header("Location", containsString("/api/soa/versions/1")).body("number", equalTo(1))
                .body("applicable", equalTo(1)).body("excluded", equalTo(92)).body("undecided", equalTo(0));

        api.decide("5.34", implementation(true, "GDPR: we process customer personal data", "PLANNED", null)).then()
                .statusCode(200);
        api.officer().body(Map.of()).post("/api/soa/publish").then().statusCode(201).body("number", equalTo(2));
        api.viewer().get("/api/soa/versions").then().body("number", equalTo(List.of(2, 1)))
                .body("[1].publishedBy", equalTo("olivia")).body("[1].note", equalTo("first issue"));
        List<Map<String, Object>> diff = api.viewer().get("/api/soa/versions/1/diff/2").jsonPath().getList("");
        assertThat(diff).extracting(d -> d.get("controlId") + " " + d.get("field") + " " + d.get("from") + "→"
                + d.get("to")).containsExactly("5.34 applicable false→true",
                        "5.34 justification not in scope for the pilot→GDPR: we process customer personal data",
                        "5.34 status NOT_STARTED→PLANNED");
        // a published version stays as published
        api.viewer().get("/api/soa/versions/1").then().body("entries.find { it.controlId == '5.34' }.applicable",
                equalTo(false)).body("entries.find { it.controlId == '8.1' }.risks[0].title", equalTo("Stolen laptops"));
        api.viewer().get("/api/soa/versions/3").then().statusCode(404);
        new ControlApi("else").viewer().get("/api/soa/versions/1").then().statusCode(404);
        assertThat(query("select count(*) from outbox where tenant_id = ? and event_type = 'isms.soa.published.v1'",
                api.tenant)).isEqualTo("2");

        // the exports read back: a header and one line per control
        String csv = api.viewer().accept("text/csv").get("/api/soa/versions/2/export").then().statusCode(200)
                .header("Content-Disposition", containsString("soa-v2.csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(93);
        assertThat(rows.stream().filter(r -> r.get("controlId").equals("8.1")).findFirst().orElseThrow().get("risks"))
                .isEqualTo("Stolen laptops");
        String current = api.viewer().accept("text/csv").get("/api/soa/export").then().statusCode(200).extract().asString();
        assertThat(current.lines().count()).isEqualTo(94);
        api.viewer().get("/api/soa").then().statusCode(200).body("entries.size()", equalTo(93))
                .body("entries.find { it.controlId == '5.34' }.reason", equalTo("GDPR: we process customer personal data"));
    }
}
