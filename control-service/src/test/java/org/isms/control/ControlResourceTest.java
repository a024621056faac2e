package org.isms.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.isms.control.ControlApi.implementation;
import static org.isms.testing.TestDb.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control API on real PostgreSQL: the catalog joined with a tenant's decisions, the rules of a change, roles. */
@QuarkusTest
class ControlResourceTest {
    final ControlApi api = new ControlApi("ctl");

    @Test
    void shouldListAnnexAJoinedWithTheTenantsImplementationAndFilterIt() {
        api.viewer().get("/api/controls?size=200").then().statusCode(200).body("total", equalTo(93))
                .body("items[0].id", equalTo("5.1")).body("items[9].id", equalTo("5.10"))
                .body("items[0].applicable", equalTo(null)).body("items[0].status", equalTo("NOT_STARTED"))
                .body("items[0].version", equalTo(0));
        api.viewer().get("/api/controls?theme=PEOPLE").then().statusCode(200).body("total", equalTo(8));
        api.viewer().get("/api/controls?theme=PHYSICAL&attribute=detective").then().statusCode(200)
                .body("items.id", hasItem("7.4"));
        api.viewer().get("/api/controls?q=authentication").then().statusCode(200).body("items.id", hasItem("8.5"));
        api.viewer().get("/api/controls?q=8.5").then().statusCode(200).body("total", equalTo(1));
        List<String> byTitle = api.viewer().get("/api/controls?sort=title&size=3").jsonPath().getList("items.title");
        assertThat(byTitle).isSorted();
        // bad filters are a 400 naming the parameter
        api.viewer().get("/api/controls?theme=CLOUD").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("theme"));
        api.viewer().get("/api/controls?attribute=FAST").then().statusCode(400).body("detail", containsString("FAST"));
        api.viewer().get("/api/controls?sort=owner").then().statusCode(400);
        api.viewer().get("/api/controls?applicable=maybe").then().statusCode(400);
        api.viewer().get("/api/controls/9.9").then().statusCode(404).contentType("application/problem+json");
        api.viewer().get("/api/controls?page=2147483647&size=200").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldDecideApplicabilityWithItsReasonUnderOptimisticLocking() {
        Map<String, Object> exclude = implementation(false, "no physical offices: a fully remote company", "NOT_STARTED",
                null);
        api.officer().body(exclude).put("/api/controls/7.1/implementation").then().statusCode(428);
        api.officer().header("If-Match", "\"0\"").body(exclude).put("/api/controls/7.1/implementation").then()
                .statusCode(200).header("ETag", "\"1\"").body("applicable", equalTo(false))
                .body("reason", equalTo("no physical offices: a fully remote company"));
        // a second writer who read version 0 is refused
        api.officer().header("If-Match", "\"0\"").body(implementation(null, null, "NOT_STARTED", null))
                .put("/api/controls/7.1/implementation").then().statusCode(412);
        // an exclusion without its reason, and an inclusion no risk calls for without one: 400, nothing changes
        api.decide("7.2", implementation(false, " ", "NOT_STARTED", null)).then().statusCode(400)
                .body("detail", containsString("justification"));
        api.decide("7.2", implementation(true, null, "PLANNED", null)).then().statusCode(400)
                .body("detail", containsString("legal, contractual or business reason"));
        api.decide("7.2", Map.of("applicable", true)).then().statusCode(400); // no status
        api.viewer().get("/api/controls/7.2").then().body("version", equalTo(0)).body("applicable", equalTo(null));
        // included for a contract, then on its way
        api.decide("5.20", implementation(true, "customer contracts require supplier clauses", "PLANNED", "alice"))
                .then().statusCode(200).body("owner", equalTo("alice")).body("applicable", equalTo(true))
                .body("justificationMissing", equalTo(false));
        List<String> kinds = api.viewer().get("/api/controls/5.20/history").jsonPath().getList("kind");
        assertThat(kinds).containsExactly("APPLICABILITY", "IMPLEMENTATION");
        assertThat(query("select string_agg(event_type, ',' order by id) from outbox where tenant_id = ?"
                + " and aggregate_id = '5.20'", api.tenant))
                .isEqualTo("isms.control.applicability-changed.v1,isms.control.implementation-changed.v1");
        api.viewer().get("/api/controls?applicable=false").then().body("items.id", equalTo(List.of("7.1")));
        api.viewer().get("/api/controls?owner=ALICE").then().body("items.id", equalTo(List.of("5.20")));
        api.viewer().get("/api/controls?status=PLANNED").then().body("total", equalTo(1));
    }

    @Test
    void shouldLetAControlsOwnerMoveItsStatusButNotDecideWhetherItApplies() {
        api.owner().get("/api/controls").then().statusCode(200); // alice is known to the service
        api.decide("8.8", implementation(true, "vulnerability scans are a customer requirement", "PLANNED", "alice"))
                .then().statusCode(200);
        Response moved = api.owner().header("If-Match", api.etag("8.8")).body(implementation(true,
                "vulnerability scans are a customer requirement", "PARTIAL", "alice")).put("/api/controls/8.8/implementation");
        moved.then().statusCode(200).body("status", equalTo("PARTIAL")).body("updatedBy", equalTo("alice"));
        // the owner may not exclude it, nor hand it on
        api.owner().header("If-Match", api.etag("8.8")).body(implementation(false, "too hard", "PARTIAL", "alice"))
                .put("/api/controls/8.8/implementation").then().statusCode(403)
                .body("detail", containsString("security officer"));
        api.owner().header("If-Match", api.etag("8.8")).body(implementation(true,
                "vulnerability scans are a customer requirement", "PARTIAL", "bob")).put("/api/controls/8.8/implementation")
                .then().statusCode(403);
        // another risk owner, and a viewer, change nothing
        api.as("bob", "risk-owner").header("If-Match", api.etag("8.8")).body(implementation(true,
                "vulnerability scans are a customer requirement", "IMPLEMENTED", "alice"))
                .put("/api/controls/8.8/implementation").then().statusCode(403);
        api.viewer().header("If-Match", api.etag("8.8")).body(implementation(true, "x", "IMPLEMENTED", "alice"))
                .put("/api/controls/8.8/implementation").then().statusCode(403);
        api.viewer().get("/api/controls/8.8").then().body("status", equalTo("PARTIAL"));
    }

    @Test
    void shouldRecordEffectivenessByAnAuditorWhoDoesNotOwnTheControl() {
        api.as("aaron", "auditor").get("/api/controls").then().statusCode(200);
        api.decide("5.18", implementation(true, "SOX access reviews", "IMPLEMENTED", "aaron")).then().statusCode(200);
        api.decide("5.15", implementation(true, "SOX access reviews", "IMPLEMENTED", "alice")).then().statusCode(200);
        Map<String, Object> ineffective = Map.of("result", "INEFFECTIVE", "method",
                "sampled 25 leavers: 4 accounts active after 30 days");
        // aaron owns 5.18: he does not assess it
        api.auditor().body(ineffective).post("/api/controls/5.18/effectiveness").then().statusCode(403)
                .body("detail", containsString("independent"));
        api.auditor().body(ineffective).post("/api/controls/5.15/effectiveness").then().statusCode(200)
                .body("effectiveness.result", equalTo("INEFFECTIVE")).body("effectiveness.assessedBy", equalTo("aaron"))
                .body("status", equalTo("IMPLEMENTED"));
        api.viewer().get("/api/controls?effectiveness=INEFFECTIVE").then().body("items.id", equalTo(List.of("5.15")));
        // officers decide, auditors assess
        api.officer().body(ineffective).post("/api/controls/5.15/effectiveness").then().statusCode(403);
        api.auditor().body(Map.of("result", "NOT_ASSESSED", "method", "x")).post("/api/controls/5.15/effectiveness")
                .then().statusCode(400);
        api.auditor().body(Map.of("result", "EFFECTIVE")).post("/api/controls/5.15/effectiveness").then().statusCode(400);
        api.auditor().body(Map.of("result", "GREAT", "method", "x")).post("/api/controls/5.15/effectiveness").then()
                .statusCode(400);
        api.decide("7.5", implementation(false, "no premises", "NOT_STARTED", null)).then().statusCode(200);
        api.auditor().body(ineffective).post("/api/controls/7.5/effectiveness").then().statusCode(409);
        assertThat(query("select count(*) from outbox where tenant_id = ? and event_type = ?", api.tenant,
                "isms.control.effectiveness-assessed.v1")).isEqualTo("1");
    }

    @Test
    void shouldAddTheTenantsOwnControlsWithTheirMappings() {
        Map<String, Object> own = Map.of("id", "ACME-01", "title", "Quarterly phishing simulation", "theme", "PEOPLE",
                "purpose", "Staff practise spotting phishing so that fewer lures succeed.",
                "attributes", Map.of("controlTypes", List.of("PREVENTIVE"), "properties", List.of("CONFIDENTIALITY"),
                        "concepts", List.of("PROTECT"), "capabilities", List.of("HUMAN_RESOURCE_SECURITY"),
                        "domains", List.of("PROTECTION")),
                "mappings", List.of(Map.of("framework", "soc2-tsc-2017", "requirement", "CC2.2",
                        "relationship", "subset")));
        api.officer().body(own).post("/api/controls").then().statusCode(201)
                .header("Location", containsString("/api/controls/ACME-01")).body("own", equalTo(true));
        api.viewer().get("/api/controls?size=200").then().body("total", equalTo(94)).body("items[93].id",
                equalTo("ACME-01"));
        api.viewer().get("/api/controls/ACME-01/mappings").then().statusCode(200)
                .body("[0].requirement", equalTo("CC2.2")).body("[0].relationship", equalTo("subset"));
        api.officer().body(own).post("/api/controls").then().statusCode(409);
        // Annex A's numbering is not the tenant's; mappings name real requirements
        api.officer().body(with(own, "id", "9.1")).post("/api/controls").then().statusCode(400)
                .body("detail", containsString("id"));
        api.officer().body(with(own, "mappings", List.of(Map.of("framework", "soc2-tsc-2017", "requirement", "CC99.1",
                "relationship", "subset")))).post("/api/controls").then().statusCode(400)
                .body("detail", containsString("CC99.1"));
        api.officer().body(with(own, "id", "ACME-02").entrySet().stream().filter(e -> !e.getKey().equals("attributes"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .post("/api/controls").then().statusCode(400);
        api.owner().body(with(own, "id", "ACME-03")).post("/api/controls").then().statusCode(403);
        api.viewer().get("/api/controls?size=200").then().body("total", equalTo(94));
        // its definition changes under its own version; Annex A's do not change
        api.viewer().get("/api/controls/ACME-01").then().body("definitionVersion", equalTo(0));
        Map<String, Object> renamed = with(with(own, "title", "Monthly phishing simulation"), "mappings",
                List.of(Map.of("framework", "nist-csf-2.0", "requirement", "PR.AT-01", "relationship", "subset")));
        api.officer().body(renamed).put("/api/controls/ACME-01/definition").then().statusCode(428);
        api.officer().header("If-Match", "\"0\"").body(renamed).put("/api/controls/ACME-01/definition").then()
                .statusCode(200).body("title", equalTo("Monthly phishing simulation")).body("definitionVersion", equalTo(1));
        api.officer().header("If-Match", "\"0\"").body(renamed).put("/api/controls/ACME-01/definition").then()
                .statusCode(412);
        api.viewer().get("/api/controls/ACME-01/mappings").then().body("requirement", equalTo(List.of("PR.AT-01")));
        assertThat(api.viewer().get("/api/controls/ACME-01/history").jsonPath().<String>getList("summary"))
                .containsExactly("added to the tenant's catalog with 1 mapping(s)", "definition changed: title, mappings");
        assertThat(query("select count(*) from outbox where tenant_id = ? and event_type = ?", api.tenant,
                "isms.control.definition-changed.v1")).isEqualTo("1");
        api.officer().header("If-Match", "\"1\"").body(with(renamed, "id", "ACME-02"))
                .put("/api/controls/ACME-01/definition").then().statusCode(400);
        api.officer().header("If-Match", "\"0\"").body(with(renamed, "id", "8.5")).put("/api/controls/8.5/definition")
                .then().statusCode(409);
        api.owner().header("If-Match", "\"1\"").body(renamed).put("/api/controls/ACME-01/definition").then()
                .statusCode(403);
        new ControlApi("other").officer().header("If-Match", "\"1\"").body(renamed)
                .put("/api/controls/ACME-01/definition").then().statusCode(404);

        // Annex A's mappings, from the 2022 side
        api.viewer().get("/api/controls/5.1/mappings").then().statusCode(200)
                .body("findAll { it.framework == 'iso27001-2013' }.requirement", equalTo(List.of("A.5.1.1", "A.5.1.2")));
    }

    @Test
    void shouldKeepEachTenantsControlsToItself() {
        api.decide("5.10", implementation(true, "contract", "PLANNED", null)).then().statusCode(200);
        api.officer().body(Map.of("id", "ACME-09", "title", "x control", "theme", "PEOPLE", "purpose", "a purpose",
                "attributes", Map.of("controlTypes", List.of("PREVENTIVE"), "properties", List.of("CONFIDENTIALITY"),
                        "concepts", List.of("PROTECT"), "capabilities", List.of("GOVERNANCE"),
                        "domains", List.of("PROTECTION")))).post("/api/controls").then().statusCode(201);
        ControlApi other = new ControlApi("other");
        other.viewer().get("/api/controls/ACME-09").then().statusCode(404);
        other.viewer().get("/api/controls/5.10").then().statusCode(200).body("applicable", equalTo(null))
                .body("version", equalTo(0));
        other.viewer().get("/api/controls?size=200").then().body("total", equalTo(93));
        // the other tenant's write with this tenant's ETag changes its own row, never this one
        other.decide("5.10", implementation(false, "not for us", "NOT_STARTED", null)).then().statusCode(200);
        api.viewer().get("/api/controls/5.10").then().body("applicable", equalTo(true));
    }

    @Test
    void shouldServeTheFrameworksMappedOntoAnnexA() {
        api.viewer().get("/api/frameworks").then().statusCode(200)
                .body("key", equalTo(List.of("iso27001-2013", "nist-csf-2.0", "soc2-tsc-2017", "cyber-essentials")))
                .body("find { it.key == 'iso27001-2013' }.requirements", equalTo(114));
        // a 2013 control merged into 5.1, seen from the 2013 side
        api.viewer().get("/api/frameworks/iso27001-2013").then().statusCode(200)
                .body("requirements.find { it.id == 'A.5.1.2' }.controls", equalTo(List.of(Map.of("controlId", "5.1",
                        "relationship", "subset"))));
        api.viewer().get("/api/frameworks/pci-dss").then().statusCode(404);
        given().get("/api/frameworks").then().statusCode(401);
        given().get("/api/controls").then().statusCode(401);
        api.as("siem", "siem-ingest").get("/api/controls").then().statusCode(403);
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(m);
        copy.put(key, value);
        return copy;
    }
}
