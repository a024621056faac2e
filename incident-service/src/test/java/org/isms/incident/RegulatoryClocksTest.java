package org.isms.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.isms.incident.service.DeadlineWatch;
import org.isms.testing.Instances;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regulatory clocks on real PostgreSQL: a NIS2-significant incident's 24 h, 72 h and one-month deadlines, met when a
 * submission is recorded; DORA's "4 h after classification, at most 24 h after awareness"; the watch announcing a
 * deadline's approach and its miss once each, by two instances at once, as the clock is moved (never waited for).
 */
@QuarkusTest
class RegulatoryClocksTest {
    final IncidentApi api = new IncidentApi("clocks");

    @Inject
    TestClock clock;
    @Inject
    DeadlineWatch watch;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String incident() {
        return api.responder().body(Map.of("title", "Ransomware on file server", "severity", "CRITICAL"))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    long events(String type) {
        return Long.parseLong(api.count("select count(*) from outbox where tenant_id = ? and event_type = '" + type + "'"));
    }

    @Test
    void shouldComputeNis2DeadlinesAndMeetThemWhenSubmitted() {
        String id = incident();
        OffsetDateTime aware = OffsetDateTime.now(clock).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
        JsonPath v = api.officer().body(Map.of("regime", "nis2", "awareAt", aware.toString()))
                .post("/api/incidents/" + id + "/regimes").then().statusCode(200).extract().jsonPath();
        assertThat(v.getList("deadlines.report")).containsExactly("EARLY_WARNING", "NOTIFICATION", "FINAL_REPORT");
        assertThat(instant(v.getString("deadlines[0].dueAt"))).isEqualTo(aware.plusHours(24));
        assertThat(instant(v.getString("deadlines[1].dueAt"))).isEqualTo(aware.plusHours(72));
        assertThat(instant(v.getString("deadlines[2].dueAt"))).isEqualTo(aware.plusHours(72).plusMonths(1));
        assertThat(v.getString("nextDeadline.report")).isEqualTo("EARLY_WARNING");
        assertThat(v.getList("deadlines.state")).containsOnly("DUE");
        assertThat(v.getList("regimes.regime")).containsExactly("NIS2");

        api.officer().body(Map.of("regime", "NIS2", "awareAt", aware.toString())).post("/api/incidents/" + id + "/regimes")
                .then().statusCode(409);
        api.officer().body(Map.of("regime", "HIPAA", "awareAt", aware.toString())).post("/api/incidents/" + id
                + "/regimes").then().statusCode(400).body("detail", containsString("DORA"));
        api.officer().body(Map.of("reference", "CSIRT-2211")).post("/api/incidents/" + id
                + "/regimes/NIS2/reports/EARLY_WARNING").then().statusCode(200)
                .body("deadlines[0].state", equalTo("MET")).body("deadlines[0].reference", equalTo("CSIRT-2211"))
                .body("nextDeadline.report", equalTo("NOTIFICATION"));
        // the notification sent: the final report is due a month after it was sent, not after it was due
        OffsetDateTime sent = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        JsonPath after = api.officer().body(Map.of("submittedAt", sent.toString())).post("/api/incidents/" + id
                + "/regimes/NIS2/reports/NOTIFICATION").then().statusCode(200).extract().jsonPath();
        assertThat(instant(after.getString("deadlines[2].dueAt"))).isEqualTo(sent.plusMonths(1));
        api.officer().body(Map.of()).post("/api/incidents/" + id + "/regimes/NIS2/reports/NOTIFICATION").then()
                .statusCode(409);
        api.officer().body(Map.of()).post("/api/incidents/" + id + "/regimes/GDPR/reports/NOTIFICATION").then()
                .statusCode(409).body("detail", containsString("not declared"));
        api.viewer().body(Map.of()).post("/api/incidents/" + id + "/regimes/NIS2/reports/FINAL_REPORT").then()
                .statusCode(403);
    }

    @Test
    void shouldGiveDoraItsInitialNotificationAtTheEarlierTerm() {
        String id = incident();
        OffsetDateTime aware = OffsetDateTime.now(clock).minusHours(23).truncatedTo(ChronoUnit.SECONDS);
        api.officer().body(Map.of("regime", "DORA", "awareAt", aware.toString())).post("/api/incidents/" + id
                + "/regimes").then().statusCode(400).body("detail", containsString("classifiedAt"));
        // classified 22 h after awareness: 4 h later would be 26 h, so the 24 h bound holds
        JsonPath v = api.officer().body(Map.of("regime", "DORA", "awareAt", aware.toString(), "classifiedAt",
                aware.plusHours(22).toString())).post("/api/incidents/" + id + "/regimes").then().statusCode(200)
                .extract().jsonPath();
        assertThat(instant(v.getString("deadlines[0].dueAt"))).isEqualTo(aware.plusHours(24));
    }

    @Test
    void shouldAnnounceApproachingAndMissedDeadlinesOnceEach() throws Exception {
        String id = incident();
        OffsetDateTime aware = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        api.officer().body(Map.of("regime", "GDPR", "awareAt", aware.toString())).post("/api/incidents/" + id
                + "/regimes").then().statusCode(200);
        Instances.twoAtOnce(() -> watch.announce());
        assertThat(events("isms.incident.deadline-approaching.v1")).isZero();

        clock.advance(Duration.ofHours(71)); // 1 h before the 72 h: within the 2 h warning
        // (other tests' deadlines may be announced too: the counts are this tenant's)
        Instances.twoAtOnce(() -> watch.announce());
        Instances.twoAtOnce(() -> watch.announce());
        assertThat(events("isms.incident.deadline-approaching.v1")).isEqualTo(1);
        api.viewer().get("/api/incidents/" + id).then().body("deadlines[0].state", equalTo("DUE"));

        clock.advance(Duration.ofHours(2)); // passed, unmet
        Instances.twoAtOnce(() -> watch.announce());
        Instances.twoAtOnce(() -> watch.announce());
        assertThat(events("isms.incident.deadline-missed.v1")).isEqualTo(1);
        assertThat(events("isms.incident.deadline-approaching.v1")).as("no second approach").isEqualTo(1);
        assertThat(api.count("select payload->>'report' || ' ' || (payload->'incident'->>'number') from outbox"
                + " where tenant_id = ? and event_type = 'isms.incident.deadline-missed.v1'")).isEqualTo("NOTIFICATION INC-1");
        JsonPath v = api.viewer().get("/api/incidents/" + id).then().body("deadlines[0].state", equalTo("OVERDUE"))
                .extract().jsonPath();
        assertThat(v.getLong("deadlines[0].secondsLeft")).isNegative();
        // submitted late: met late
        api.officer().body(Map.of("reference", "DPA-7")).post("/api/incidents/" + id
                + "/regimes/GDPR/reports/NOTIFICATION").then().statusCode(200)
                .body("deadlines[0].state", equalTo("MET_LATE"));
        assertThat(api.viewer().get("/api/incidents/" + id + "/timeline").jsonPath().<String>getList("kind"))
                .contains("REGIME", "DEADLINE", "REPORT");
    }

    @Test
    void shouldMoveAMergedIncidentsClocksToTheOneItWasMergedInto() {
        String merged = incident();
        String target = incident();
        OffsetDateTime aware = OffsetDateTime.now(clock).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        api.officer().body(Map.of("regime", "GDPR", "awareAt", aware.toString())).post("/api/incidents/" + merged
                + "/regimes").then().statusCode(200);
        api.responder().body(Map.of("from", merged)).post("/api/incidents/" + target + "/merge").then().statusCode(200)
                .body("regimes[0].regime", equalTo("GDPR")).body("deadlines[0].report", equalTo("NOTIFICATION"));
        assertThat(instant(api.viewer().get("/api/incidents/" + target).path("deadlines[0].dueAt")))
                .isEqualTo(aware.plusHours(72));
        api.viewer().get("/api/incidents/" + merged).then().body("deadlines.size()", equalTo(0));
    }

    static OffsetDateTime instant(String text) {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
