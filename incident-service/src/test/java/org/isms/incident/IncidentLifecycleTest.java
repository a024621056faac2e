package org.isms.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.isms.incident.IncidentApi.sample;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.events.asset.Cia;
import org.junit.jupiter.api.Test;

/**
 * Responders working incidents on real PostgreSQL: opened by hand, moved through the 27035 phases (invalid moves
 * refused, closing needs lessons learned), assigned, escalated, commented, merged, alerts linked by hand; each change
 * on the timeline and in the outbox; the queue's filters and metrics; who may do what.
 */
@QuarkusTest
class IncidentLifecycleTest {
    final IncidentApi api = new IncidentApi("life");

    String open(String title, String severity, List<UUID> assets) {
        return api.responder().body(Map.of("title", title, "severity", severity, "assetIds", assets,
                "ciaHit", List.of("c"))).post("/api/incidents").then().statusCode(201)
                .header("Location", containsString("/api/incidents/")).header("ETag", "\"0\"")
                .body("status", equalTo("NEW")).body("ciaHit", equalTo(List.of("C"))).extract().path("id");
    }

    String etag(String id) {
        return api.viewer().get("/api/incidents/" + id).then().statusCode(200).extract().header("ETag");
    }

    long outbox(String type) {
        return Long.parseLong(api.count("select count(*) from outbox where tenant_id = ? and event_type = '" + type + "'"));
    }

    @Test
    void shouldWorkAnIncidentThroughItsPhases() throws Exception {
        UUID crm = api.asset("crm", new Cia(4, 4, 2), List.of("crm.acme.example"), List.of());
        String id = open("Phishing mail reported by the CFO", "HIGH", List.of(crm));
        JsonPath v = api.viewer().get("/api/incidents/" + id).then().body("number", equalTo("INC-1"))
                .body("priority", equalTo("P1")).body("next", equalTo(List.of("FALSE_POSITIVE", "TRIAGED")))
                .extract().jsonPath();
        assertThat(v.getList("assetIds")).containsExactly(crm.toString());

        api.responder().body(Map.of("status", "CONTAINED")).post("/api/incidents/" + id + "/status").then()
                .statusCode(409).body("detail", containsString("NEW"));
        api.responder().body(Map.of("status", "TRIAGED", "note", "real phishing")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200).body("status", equalTo("TRIAGED")).body("triagedAt", org.hamcrest.Matchers.notNullValue());
        api.responder().body(Map.of("assignee", "rita")).post("/api/incidents/" + id + "/assignee").then()
                .statusCode(200).body("assignee", equalTo("rita"));
        api.responder().body(Map.of("text", "mail headers attached to ticket SEC-1")).post("/api/incidents/" + id
                + "/comments").then().statusCode(200);
        // PUT needs the current ETag
        api.responder().body(Map.of("title", "Phishing: CFO", "category", "phishing")).put("/api/incidents/" + id)
                .then().statusCode(428);
        api.responder().header("If-Match", "\"0\"").body(Map.of("title", "Phishing: CFO", "category", "phishing"))
                .put("/api/incidents/" + id).then().statusCode(412);
        api.responder().header("If-Match", etag(id)).body(Map.of("title", "Phishing: CFO", "category", "phishing",
                "personalData", true)).put("/api/incidents/" + id).then().statusCode(200)
                .body("category", equalTo("phishing")).body("personalData", equalTo(true));
        api.responder().body(Map.of("status", "ERADICATED")).post("/api/incidents/" + id + "/status").then()
                .statusCode(200);
        api.responder().body(Map.of("status", "CLOSED")).post("/api/incidents/" + id + "/status").then()
                .statusCode(400).body("detail", containsString("lessons"));
        api.responder().body(Map.of("status", "CLOSED", "lessonsLearned", "Mail filter missed a look-alike domain:"
                + " block newly registered domains")).post("/api/incidents/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("next", equalTo(List.of()));
        api.responder().body(Map.of("assignee", "bob")).post("/api/incidents/" + id + "/assignee").then()
                .statusCode(400).body("detail", containsString("CLOSED"));

        List<String> kinds = api.viewer().get("/api/incidents/" + id + "/timeline").then().statusCode(200).extract()
                .jsonPath().getList("kind");
        assertThat(kinds).containsExactly("OPENED", "STATUS", "ASSIGNED", "COMMENT", "EDITED", "STATUS", "STATUS");
        assertThat(outbox("isms.incident.opened.v1")).isEqualTo(1);
        assertThat(outbox("isms.incident.status-changed.v1")).isEqualTo(2);
        assertThat(outbox("isms.incident.closed.v1")).isEqualTo(1);
        assertThat(outbox("isms.incident.updated.v1")).isEqualTo(3);
        assertThat(api.count("select payload->'incident'->>'number' || ' ' || (payload->>'lessonsLearned') from outbox"
                + " where tenant_id = ? and event_type = 'isms.incident.closed.v1'")).startsWith("INC-1 Mail filter");

        JsonPath m = api.viewer().get("/api/incidents/metrics").then().statusCode(200).extract().jsonPath();
        assertThat(m.getInt("byStatus.CLOSED")).isEqualTo(1);
        assertThat(m.getInt("open")).isZero();
        assertThat(m.getDouble("meanSecondsToClose")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldEscalateMergeAndLinkAlerts() throws Exception {
        UUID web = api.asset("web-01", new Cia(2, 2, 2), List.of("web-01.acme.example"), List.of());
        UUID db = api.asset("db-01", new Cia(3, 3, 3), List.of("db-01"), List.of());
        String first = api.post(sample("wazuh/sshd-brute-force.json")).then().statusCode(202).extract()
                .path("alerts[0].incidentId");
        String second = api.post(sample("elastic/8x-nested-threshold-rule.json")).then().statusCode(202).extract()
                .path("alerts[0].incidentId");
        assertThat(first).isNotEqualTo(second);
        // an escalation raises or widens; one that does neither is refused
        api.responder().body(Map.of("priority", "P4")).post("/api/incidents/" + first + "/escalation").then()
                .statusCode(400).body("detail", containsString("raises the priority"));
        api.responder().body(Map.of("priority", "P1", "ciaHit", List.of("I"), "assetIds", List.of(db),
                "reason", "attacker reached the database")).post("/api/incidents/" + first + "/escalation").then()
                .statusCode(200).body("priority", equalTo("P1")).body("ciaHit", equalTo(List.of("I")))
                .body("assetIds", hasItem(db.toString()));
        assertThat(api.count("select payload->>'changed' from outbox where tenant_id = ?"
                + " and event_type = 'isms.incident.escalated.v1'")).contains("priority", "ciaHit", "assets");
        // merge the second into the first: its alerts move, it is MERGED
        api.responder().body(Map.of("from", second)).post("/api/incidents/" + first + "/merge").then().statusCode(200)
                .body("alertCount", equalTo(2));
        api.viewer().get("/api/incidents/" + second).then().body("status", equalTo("MERGED"))
                .body("mergedInto", equalTo(first));
        api.responder().body(Map.of("from", first)).post("/api/incidents/" + second + "/merge").then()
                .statusCode(409);
        // a repeat of each rule in one request: both keys now lead to the first incident, and both count
        com.fasterxml.jackson.databind.node.ArrayNode repeats = IncidentApi.JSON.createArrayNode()
                .add(IncidentApi.with(sample("wazuh/sshd-brute-force.json"), "id", "1705314153.777"))
                .add(sample("elastic/8x-nested-threshold-rule.json").deepCopy());
        ((com.fasterxml.jackson.databind.node.ObjectNode) repeats.get(1).get("kibana").get("alert")).put("uuid",
                "repeat-of-the-threshold-alert");
        api.post(repeats).then().statusCode(202).body("alerts.incidentId", equalTo(List.of(first, first)));
        api.viewer().get("/api/incidents/" + first).then().body("alertCount", equalTo(4));
        // an alert kept without incident, linked by hand
        String info = api.post(sample("wazuh/minimal.json")).then().extract().path("alerts[0].id");
        api.responder().body(Map.of("alertIds", List.of(info))).post("/api/incidents/" + first + "/alerts").then()
                .statusCode(200).body("alertCount", equalTo(5));
        api.viewer().get("/api/incidents/alerts?incidentId=" + first).then().body("total", equalTo(5));
        api.viewer().get("/api/incidents/" + first + "/timeline?maxAlerts=0").then().statusCode(200);
        api.viewer().get("/api/incidents/alerts/" + info).then().body("disposition", equalTo("LINKED"))
                .body("raw.rule.id", equalTo("502"));
        api.responder().body(Map.of("alertIds", List.of(UUID.randomUUID()))).post("/api/incidents/" + first + "/alerts")
                .then().statusCode(400).body("detail", containsString("no such alerts"));
        api.viewer().get("/api/incidents?assetId=" + db + "&open=true").then().body("total", equalTo(1))
                .body("items[0].id", equalTo(first));
        assertThat(web).isNotNull();
    }

    @Test
    void shouldLetOnlyRespondersOfficersAndAdminsWorkIncidentsAndKeepTenantsApart() {
        String id = open("Lost laptop", "MEDIUM", List.of());
        api.viewer().body(Map.of("status", "TRIAGED")).post("/api/incidents/" + id + "/status").then().statusCode(403);
        api.as("aaron", "auditor").body(Map.of("text", "x")).post("/api/incidents/" + id + "/comments").then()
                .statusCode(403);
        api.officer().body(Map.of("status", "TRIAGED")).post("/api/incidents/" + id + "/status").then().statusCode(200);
        IncidentApi other = new IncidentApi("other");
        other.viewer().get("/api/incidents/" + id).then().statusCode(404);
        other.responder().body(Map.of("status", "CONTAINED")).post("/api/incidents/" + id + "/status").then()
                .statusCode(404);
        other.viewer().get("/api/incidents").then().body("total", equalTo(0));
        api.responder().body(Map.of("title", "x", "severity", "HIGH", "assetIds", List.of(UUID.randomUUID())))
                .post("/api/incidents").then().statusCode(400).body("detail", containsString("no such assets"));
        api.responder().body(Map.of("title", "x", "severity", "URGENT")).post("/api/incidents").then().statusCode(400);
        api.responder().body("{\"title\": \"x\", \"severity\": \"HIGH\", \"assetIds\": [null]}").post("/api/incidents")
                .then().statusCode(400);
        api.viewer().get("/api/incidents?status=OPEN").then().statusCode(400);
    }
}
