package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.risk.RiskApi.item;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.Topics;
import org.isms.events.control.ControlEffectivenessAssessed;
import org.isms.events.control.ControlImplementationChanged;
import org.isms.events.control.ControlSnapshot;
import org.isms.events.control.EvidenceExpired;
import org.isms.events.control.EvidenceSnapshot;
import org.isms.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * Control events on real Kafka: the residual a risk's plan proposes follows the effectiveness of its controls (the
 * methodology's control effect), and a control assessed ineffective flags the open risks relying on it, once per
 * event, and nothing else.
 */
@QuarkusTest
class ControlEffectsTest {
    final RiskApi api = new RiskApi("ctl-fx");
    long version = 1;

    @Test
    void shouldProposeTheResidualFromTheEffectivenessOfThePlansControls() throws Exception {
        String risk = api.assessed("Account takeover", api.asset("Identity provider", 3, 3, 3), 4, 4, 4, 4);
        api.treat(risk, "MODIFY", List.of(item("enforce MFA", "IN_PROGRESS", "8.5", "5.17"))).then().statusCode(200);
        // nothing known of the controls yet: the proposal is the inherent rating
        api.get(risk).then().body("proposedResidual.rating.likelihood", equalTo(4))
                .body("proposedResidual.controls.effectiveness", equalTo(List.of("NOT_ASSESSED", "NOT_ASSESSED")))
                .body("proposedResidual.differsFromAssessed", equalTo(false));

        send(assessed("8.5", "Secure authentication", "EFFECTIVE", "NOT_ASSESSED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.get(risk).then()
                .body("proposedResidual.rating.likelihood", equalTo(3)));
        send(assessed("5.17", "Authentication information", "PARTIALLY_EFFECTIVE", "NOT_ASSESSED"));
        // one and a half levels lower, rounded down: one
        marker("5.17", "PARTIALLY_EFFECTIVE");
        api.get(risk).then().body("proposedResidual.rating.likelihood", equalTo(3))
                .body("proposedResidual.rating.impact", equalTo(4))
                .body("proposedResidual.differsFromAssessed", equalTo(true))
                // the assessed residual stays the owner's
                .body("residual.likelihood", equalTo(4)).body("reviewRequired", equalTo(false));

        // a methodology that counts a partially effective control as a whole one
        Map<String, Object> m = api.methodology();
        m.put("controlEffect", Map.of("effective", 1.0, "partiallyEffective", 1.0));
        api.officer().header("If-Match", api.officer().get("/api/risk-methodology").header("ETag")).body(m)
                .put("/api/risk-methodology").then().statusCode(200).body("controlEffect.partiallyEffective",
                        equalTo(1.0f));
        api.get(risk).then().body("proposedResidual.rating.likelihood", equalTo(2));
        m.put("controlEffect", Map.of("effective", 1.0, "partiallyEffective", 2.0));
        api.officer().header("If-Match", api.officer().get("/api/risk-methodology").header("ETag")).body(m)
                .put("/api/risk-methodology").then().statusCode(400);
    }

    @Test
    void shouldFlagTheOpenRisksRelyingOnAControlAssessedIneffectiveOncePerEvent() throws Exception {
        String asset = api.asset("Payroll", 2, 2, 2);
        String relying = api.assessed("Payroll fraud", asset, 3, 3, null, null);
        api.treat(relying, "MODIFY", List.of(item("review access quarterly", "PLANNED", "5.18"))).then().statusCode(200);
        String unrelated = api.assessed("Payroll outage", asset, 2, 3, null, null);
        api.treat(unrelated, "MODIFY", List.of(item("backups", "PLANNED", "8.13"))).then().statusCode(200);
        RiskApi other = new RiskApi("ctl-fx-other");
        String elsewhere = other.assessed("Other tenant's fraud", other.asset("Payroll", 2, 2, 2), 3, 3, null, null);
        other.treat(elsewhere, "MODIFY", List.of(item("review access", "PLANNED", "5.18"))).then().statusCode(200);

        EventEnvelope ineffective = assessed("5.18", "Access rights", "INEFFECTIVE", "EFFECTIVE");
        send(ineffective);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.get(relying).then()
                .body("reviewRequired", equalTo(true)));
        api.get(relying).then().body("reviewReasons[0].kind", equalTo("CONTROL_INEFFECTIVE"))
                .body("reviewReasons[0].reason", equalTo("control 5.18 Access rights assessed ineffective by aaron"
                        + " (sampled 25 leavers)"))
                .body("reviewReasons[0].causeEventId", equalTo(ineffective.id()));
        // delivered again, then a marker: still one flag, one event
        send(ineffective);
        marker("5.18", "INEFFECTIVE");
        api.get(relying).then().body("reviewReasons.size()", equalTo(1));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type = ?", relying,
                EventTypes.RISK_REVIEW_REQUIRED)).isEqualTo("1");
        api.get(unrelated).then().body("reviewRequired", equalTo(false));
        other.get(elsewhere).then().body("reviewRequired", equalTo(false));
        // assessed ineffective again (it still is): no new flag
        send(assessed("5.18", "Access rights", "INEFFECTIVE", "INEFFECTIVE"));
        marker("5.18", "INEFFECTIVE");
        api.get(relying).then().body("reviewReasons.size()", equalTo(1));
    }

    @Test
    void shouldFlagTheRisksRelyingOnAControlWhoseEvidenceExpired() throws Exception {
        String asset = api.asset("Web farm", 2, 3, 3);
        String risk = api.assessed("Unpatched servers", asset, 4, 3, null, null);
        api.treat(risk, "MODIFY", List.of(item("monthly patching", "IN_PROGRESS", "8.8"))).then().statusCode(200);
        String covered = api.assessed("Lost backups", asset, 3, 3, null, null);
        api.treat(covered, "MODIFY", List.of(item("restore tests", "IN_PROGRESS", "8.13"))).then().statusCode(200);
        UUID evidence = UUID.randomUUID();
        EvidenceSnapshot e = new EvidenceSnapshot(evidence, "Vulnerability scan", "LINK", "https://scanner.example.com/1",
                List.of("8.8", "8.13"), null, RiskApi.clock().today(-1), 0, null, null, null, null, 2);
        // 8.13 has other evidence still valid: only 8.8 lost its evidence
        EventEnvelope expired = EventEnvelope.of(EventTypes.EVIDENCE_EXPIRED, Sources.CONTROL_SERVICE,
                evidence.toString(), api.tenant, OffsetDateTime.now(ZoneOffset.UTC), new EvidenceExpired(e,
                        List.of("8.8")));
        send(expired);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.get(risk).then()
                .body("reviewRequired", equalTo(true)));
        api.get(risk).then().body("reviewReasons[0].kind", equalTo("CONTROL_EVIDENCE_EXPIRED"))
                .body("reviewReasons[0].reason", equalTo("evidence 'Vulnerability scan' of control 8.8 expired (valid"
                        + " until " + RiskApi.clock().today(-1) + ")"))
                .body("reviewReasons[0].causeEventId", equalTo(expired.id()));
        api.get(covered).then().body("reviewRequired", equalTo(false));
    }

    /** The control after an assessment, with its next version, as control-service publishes it. */
    EventEnvelope assessed(String id, String title, String result, String previous) {
        ControlSnapshot c = new ControlSnapshot(id, title, "ORGANIZATIONAL", false, true, null, null, "IMPLEMENTED", "alice",
                null, null, new ControlSnapshot.Effectiveness(result, "aaron", UUID.randomUUID().toString(),
                        OffsetDateTime.now(ZoneOffset.UTC), "sampled 25 leavers"), List.of(), version++);
        return EventEnvelope.of(EventTypes.CONTROL_EFFECTIVENESS_ASSESSED, Sources.CONTROL_SERVICE, id, api.tenant,
                OffsetDateTime.now(ZoneOffset.UTC), new ControlEffectivenessAssessed(c, previous, null));
    }

    /**
     * A status change of the control (its effectiveness as it stands) with its next version; once applied, everything
     * before it on its key was.
     */
    void marker(String id, String effectiveness) throws Exception {
        String title = "marker " + UUID.randomUUID();
        ControlSnapshot c = new ControlSnapshot(id, title, "ORGANIZATIONAL", false, true, null, null, "IMPLEMENTED",
                "alice", null, null, new ControlSnapshot.Effectiveness(effectiveness, null, null, null, null),
                List.of(), version++);
        send(EventEnvelope.of(EventTypes.CONTROL_IMPLEMENTATION_CHANGED, Sources.CONTROL_SERVICE, id, api.tenant,
                OffsetDateTime.now(ZoneOffset.UTC), new ControlImplementationChanged(c, List.of("status"), "PARTIAL",
                        "olivia", "x")));
        await().atMost(Duration.ofSeconds(30)).until(() -> title.equals(RiskApi.query(
                "select title from control_projection where tenant_id = ? and control_id = ?", api.tenant, id)));
    }

    static void send(EventEnvelope e) throws Exception {
        KafkaBroker.send(Topics.CONTROL_EVENTS, e);
    }
}
