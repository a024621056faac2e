package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.e2e.GatewayE2ETest.as;
import static org.isms.e2e.GatewayE2ETest.problem;
import static org.isms.e2e.GatewayE2ETest.recorded;
import static org.isms.e2e.RunningStack.KEYCLOAK;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Detect → respond → re-assess through the gateway with real Keycloak clients: the SIEM connector (client
 * credentials, role siem-ingest) posts a Wazuh alert naming an asset's host; incident-service opens an incident on
 * the asset with the priority of its criticality; a responder sees and triages it; risk-service flags the asset's
 * risk "incident INC-… hit …"; the connector itself can read no incident.
 */
@ExtendWith(RunningStack.class)
class IncidentLoopE2ETest {
    static final DateTimeFormatter WAZUH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    static String officer;
    static String responder;
    static String siem;

    @BeforeAll
    static void tokens() {
        GatewayE2ETest.tokens();
        officer = KeycloakTokens.password(KEYCLOAK, "officer");
        responder = KeycloakTokens.password(KEYCLOAK, "responder");
        siem = KeycloakTokens.clientCredentials(KEYCLOAK, "siem-connector", "siem-demo-secret");
    }

    /** A Wazuh 4.x alert (the shape alerts.json has) of a rule at a level, from the agent on {@code host}. */
    static String wazuh(String host, String ruleId, int level, String description) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String id = now.toEpochSecond() + "." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000);
        return """
                {"timestamp": "%s", "rule": {"level": %d, "description": "%s", "id": "%s", "firedtimes": 1,
                 "mail": false, "groups": ["syslog", "sshd", "authentication_failed"]},
                 "agent": {"id": "017", "name": "%s", "ip": "10.77.0.17"}, "manager": {"name": "wazuh-e2e"},
                 "id": "%s", "full_log": "sshd[4021]: Failed password for root from 203.0.113.45 port 52211 ssh2",
                 "predecoder": {"program_name": "sshd", "hostname": "%s"}, "decoder": {"parent": "sshd", "name": "sshd"},
                 "data": {"srcip": "203.0.113.45", "dstuser": "root"}, "location": "/var/log/auth.log"}"""
                .formatted(WAZUH_TIME.format(now), level, description, ruleId, host, id, host);
    }

    @Test
    void shouldTurnASiemAlertIntoAnIncidentThatReopensTheAssetsRisk() {
        String host = "web-e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.example";
        String asset = as(officer).body(Map.of("name", host, "type", "HARDWARE", "owner", "owner",
                "classification", Map.of("confidentiality", 4, "integrity", 3, "availability", 3),
                "identifiers", Map.of("hostnames", List.of(host)))).post("/api/assets").then().statusCode(201).extract().path("id");
        String risk = recorded(asset, "owner");

        // incident-service learns the asset from its event: a level-3 probe (opens no incident) matches it once it has.
        // A stack whose incident-service is new to a long inventory history reads all of it first: minutes, once
        // (the connector's answer names no asset or incident: it sends, it does not read; a responder reads the alert)
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String probe = as(siem).body(wazuh(host, "5501", 3, "PAM: Login session opened.")).post("/api/siem/alerts")
                    .then().statusCode(202).body("alerts[0].disposition", equalTo("BELOW_THRESHOLD"))
                    .body("alerts[0].assetIds", equalTo(null)).extract().path("alerts[0].id");
            as(responder).get("/api/incidents/alerts/" + probe).then().statusCode(200)
                    .body("assetIds", equalTo(List.of(asset)));
        });

        Response posted = as(siem).body(wazuh(host, "5763", 10, "sshd: brute force trying to get access to the system."))
                .post("/api/siem/alerts");
        assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(202);
        assertThat(posted.<String>path("alerts[0].disposition")).isEqualTo("OPENED");
        String incident = as(responder).get("/api/incidents/alerts/" + posted.path("alerts[0].id")).then()
                .statusCode(200).extract().path("incidentId");

        // the responder sees it, with the priority of a HIGH alert on a criticality-4 asset, and triages it
        as(responder).get("/api/incidents/" + incident).then().statusCode(200).body("status", equalTo("NEW"))
                .body("priority", equalTo("P1")).body("assetIds", equalTo(List.of(asset)))
                .body("title", containsString(host));
        String number = as(responder).get("/api/incidents/" + incident).path("number");
        as(responder).body(Map.of("status", "TRIAGED", "note", "e2e: confirmed brute force")).post("/api/incidents/"
                + incident + "/status").then().statusCode(200).body("status", equalTo("TRIAGED"));
        as(responder).get("/api/incidents?status=TRIAGED&size=200").then().statusCode(200);

        // the connector sends, it does not read
        problem(as(siem).get("/api/incidents"), 403, "forbidden");
        problem(as(siem).get("/api/incidents/" + incident), 403, "forbidden");

        // re-assess: risk-service flags the asset's risk, naming the incident (on a stack just started, risk-service's
        // consumer group may still be joining the incident topic: give it longer than a flag takes)
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(officer).get("/api/risks/" + risk).then().statusCode(200).body("reviewRequired", equalTo(true))
                        .body("reviewReasons.find { it.kind == 'INCIDENT' }.reason", containsString(number)));
    }
}
