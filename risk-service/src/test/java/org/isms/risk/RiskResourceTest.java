package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.isms.risk.RiskApi.item;
import static org.isms.risk.RiskApi.pair;
import static org.isms.risk.RiskApi.problem;
import static org.isms.risk.RiskApi.risk;
import static org.isms.risk.RiskApi.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The register's CRUD, roles and bad input over HTTP, against real PostgreSQL with signed tokens. */
@QuarkusTest
class RiskResourceTest {
    final RiskApi api = new RiskApi("risk");

    @Test
    void shouldRecordARiskWithLocationEtagAndProposedImpact() {
        String crm = api.asset("CRM database", 3, 2, 4);
        Response r = api.officer().body(with(risk("Ransomware on CRM", crm), "cia", List.of("C", "A")))
                .post("/api/risks");
        r.then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("IDENTIFIED"))
                .body("owner", equalTo("alice"))
                .body("cia", equalTo(List.of("C", "A")))
                .body("assets[0].name", equalTo("CRM database"))
                // highest of C3 and A4 on the 5-level impact scale
                .body("proposedImpact", equalTo(5))
                .body("inherent", equalTo(null))
                .body("reviewRequired", equalTo(false))
                .body("allowedTransitions", equalTo(List.of("ASSESSED", "CLOSED")))
                .body("createdBy", equalTo("olivia"))
                .body("version", equalTo(0));
        String id = r.path("id");
        assertThat(r.header("Location")).endsWith("/api/risks/" + id);
        api.viewer().get("/api/risks/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Ransomware on CRM"));
        assertThat(api.events("isms.risk.identified.v1")).isEqualTo(1);
    }

    @Test
    void shouldUpdateWithIfMatch() {
        String a = api.asset("mail", 2, 2, 2);
        String b = api.asset("mail archive", 4, 1, 1);
        String id = api.create(risk("Mail interception", a));
        api.officer().header("If-Match", "\"0\"").body(with(risk("Mail interception", a, b), "owner", "bob"))
                .put("/api/risks/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("owner", equalTo("bob"))
                .body("assetIds.size()", equalTo(2))
                .body("proposedImpact", equalTo(5))
                .body("updatedBy", equalTo("olivia"));
    }

    @Test
    void shouldDeleteOnlyAsAdminWithIfMatchAndPublishDeletedWithTheFinalState() {
        String id = api.create(risk("Mistake", api.asset("x", 1, 1, 1)));
        api.assess(id, pair(2, 2), null).then().statusCode(200);
        problem(api.officer().header("If-Match", "\"1\"").delete("/api/risks/" + id), 403, "forbidden");
        api.admin().header("If-Match", "\"1\"").delete("/api/risks/" + id).then().statusCode(204);
        problem(api.get(id), 404, "not-found");
        // a type of its own (not "closed"), written after the delete, with the risk as it was at its final version
        assertThat(api.events("isms.risk.deleted.v1")).isEqualTo(1);
        assertThat(api.events("isms.risk.closed.v1")).isZero();
        assertThat(RiskApi.query("select concat_ws(',', payload->'risk'->>'version', payload->'risk'->>'status',"
                + " payload->'risk'->>'title', payload->>'by', payload->>'byId') from outbox where aggregate_id = ?"
                + " and event_type = 'isms.risk.deleted.v1'", id))
                .isEqualTo("1,ASSESSED,Mistake,ada," + org.isms.testing.TestTokens.subjectOf("ada"));
    }

    @Test
    void shouldListWithPagingAndSorting() {
        String a = api.asset("srv", 2, 2, 2);
        api.create(risk("b risk", a));
        api.create(risk("a risk", a));
        api.create(risk("c risk", a));
        api.viewer().get("/api/risks?size=2&sort=title,desc").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.title", equalTo(List.of("c risk", "b risk")));
        problem(api.viewer().get("/api/risks?sort=description"), 400, "validation");
        problem(api.viewer().get("/api/risks?level=EXTREME"), 400, "validation");
    }

    // ------------------------------------------------------------------------------------------- roles

    @Test
    void shouldLetEveryRoleReadButOnlyWritersWrite() {
        String id = api.create(risk("readable", api.asset("srv", 2, 2, 2)));
        for (String role : List.of("viewer", "auditor", "incident-responder", "risk-owner", "security-officer",
                "isms-admin")) {
            api.as("someone", role).get("/api/risks/" + id).then().statusCode(200);
            api.as("someone", role).get("/api/risks").then().statusCode(200);
        }
        String before = api.fingerprint();
        for (String role : List.of("viewer", "auditor", "incident-responder", "siem-ingest")) {
            problem(api.as("someone", role).body(risk("x", api.asset("y", 1, 1, 1))).post("/api/risks"), 403, "forbidden");
        }
        problem(api.as("someone", "siem-ingest").get("/api/risks"), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldLetARiskOwnerEditOnlyTheirOwnRisks() {
        String asset = api.asset("srv", 2, 2, 2);
        String own = api.create(risk("alice's", asset));
        String bobs = api.create(with(risk("bob's", asset), "owner", "bob"));

        // alice records her own risk, not one for bob
        api.owner().body(risk("alice records", asset)).post("/api/risks").then().statusCode(201);
        String before = api.fingerprint();
        problem(api.owner().body(with(risk("for bob", asset), "owner", "bob")).post("/api/risks"), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
        // she assesses her own, not bob's
        api.owner().header("If-Match", "\"0\"").body(Map.of("inherent", pair(2, 2))).put("/api/risks/" + own + "/assessment")
                .then().statusCode(200);
        before = api.fingerprint();
        Response r = api.owner().header("If-Match", "\"0\"").body(Map.of("inherent", pair(2, 2)))
                .put("/api/risks/" + bobs + "/assessment");
        problem(r, 403, "forbidden");
        assertThat((String) r.path("detail")).contains("own risks only");
        problem(api.owner().header("If-Match", "\"0\"").body(risk("bob's", asset)).put("/api/risks/" + bobs), 403, "forbidden");
        problem(api.owner().header("If-Match", "\"0\"").body(Map.of("reason", "gone")).post("/api/risks/" + bobs + "/close"),
                403, "forbidden");
        // nor give her own risk away
        problem(api.owner().header("If-Match", "\"1\"").body(with(risk("alice's", asset), "owner", "bob"))
                .put("/api/risks/" + own), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    // -------------------------------------------------------------------------------------- bad input

    @Test
    void shouldRefuseUnknownDeletedAndOtherTenantsAssets() {
        String mine = api.asset("mine", 2, 2, 2);
        String theirs = RiskApi.asset("other-" + api.tenant, "theirs", 2, 2, 2);
        String gone = api.asset("gone", 2, 2, 2);
        RiskApi.update("update asset_projection set deleted = true where asset_id = ?", UUID.fromString(gone));
        String before = api.fingerprint();

        Response r = api.officer().body(risk("x", mine, UUID.randomUUID().toString())).post("/api/risks");
        problem(r, 400, "validation").then().body("errors[0].field", equalTo("assetIds[1]"));
        problem(api.officer().body(risk("x", theirs)).post("/api/risks"), 400, "validation")
                .then().body("errors[0].field", equalTo("assetIds[0]"));
        problem(api.officer().body(risk("x", gone)).post("/api/risks"), 400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "no title", "no assets", "empty assets", "bad cia", "no owner", "unknown field",
            "threat of nobody", "not json" })
    void shouldRefuseBadRiskBodies(String fault) {
        String asset = api.asset("srv", 2, 2, 2);
        Map<String, Object> body = risk("x", asset);
        switch (fault) {
            case "no title" -> body.remove("title");
            case "no assets" -> body.remove("assetIds");
            case "empty assets" -> body.put("assetIds", List.of());
            case "bad cia" -> body.put("cia", List.of("X"));
            case "no owner" -> body.put("owner", " ");
            case "unknown field" -> body.put("severity", "high");
            case "threat of nobody" -> body.put("threatId", UUID.randomUUID().toString());
            default -> {
            }
        }
        String before = api.fingerprint();
        Response r = fault.equals("not json") ? api.officer().body("{\"title\": ").post("/api/risks")
                : api.officer().body(body).post("/api/risks");
        problem(r, 400, fault.equals("not json") ? "malformed-request" : "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseLevelsOutsideTheMatrix() {
        String id = api.create(risk("x", api.asset("srv", 2, 2, 2)));
        String before = api.fingerprint();
        problem(api.assess(id, pair(6, 3), null), 400, "validation").then()
                .body("errors.field", hasItem("inherent.likelihood"));
        problem(api.assess(id, pair(3, 0), null), 400, "validation").then().body("errors.field", hasItem("inherent.impact"));
        problem(api.assess(id, pair(3, 3), pair(2, 9)), 400, "validation").then()
                .body("errors.field", hasItem("residual.impact"));
        problem(api.assess(id, pair(3, 3), pair(2, null)), 400, "validation");
        problem(api.assess(id, pair(null, 3), null), 400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseControlIdsOutsideAnnexA() {
        String id = api.assessed("x", api.asset("srv", 2, 2, 2), 3, 3, null, null);
        String before = api.fingerprint();
        for (String control : List.of("8.35", "5.38", "6.9", "7.15", "4.1", "9.1", "A.8.5", "8", "8.05")) {
            Response r = api.treat(id, "MODIFY", List.of(item("harden", "PLANNED", "8.5", control)));
            problem(r, 400, "validation").then().body("errors[0].field", equalTo("plan[0].controlIds[1]"));
        }
        problem(api.treat(id, "MODIFY", List.of()), 400, "validation").then().body("errors[0].field", equalTo("plan"));
        problem(api.treat(id, "MITIGATE", List.of()), 400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
        // the bounds themselves are controls
        api.treat(id, "MODIFY", List.of(item("all", "PLANNED", "5.1", "5.37", "6.8", "7.14", "8.34"))).then().statusCode(200)
                .body("controlIds", equalTo(List.of("5.1", "5.37", "6.8", "7.14", "8.34")));
    }

    @Test
    void shouldRefuseAcceptanceByViewerOwnerOrRiskOwner() {
        String id = api.assessed("x", api.asset("srv", 2, 2, 2), 5, 5, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        String before = api.fingerprint();
        problem(api.accept(api.viewer(), id, RiskApi.inDays(300)), 403, "forbidden");
        problem(api.accept(api.owner(), id, RiskApi.inDays(300)), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
        // an officer who owns the risk may not approve it
        api.officer().header("If-Match", api.etag(id)).body(with(risk("x", (String) api.get(id).path("assetIds[0]")),
                "owner", RiskApi.OFFICER)).put("/api/risks/" + id).then().statusCode(200);
        before = api.fingerprint();
        Response r = api.accept(api.officer(), id, RiskApi.inDays(300));
        problem(r, 403, "forbidden");
        assertThat((String) r.path("detail")).contains("may not be the risk's owner");
        // an approver field is not for the client to set
        problem(api.admin().header("If-Match", api.etag(id)).body(Map.of("justification", "j", "expiresAt",
                RiskApi.inDays(300), "approver", "ada")).put("/api/risks/" + id + "/acceptance"), 400, "validation");
        problem(api.accept(api.admin(), id, RiskApi.inDays(-365)), 400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
        api.accept(api.admin(), id, RiskApi.inDays(300)).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("acceptance.approver", equalTo("ada"));
    }

    @Test
    void shouldRefuseInvalidTransitions() {
        String asset = api.asset("srv", 2, 2, 2);
        String id = api.create(risk("x", asset));
        String before = api.fingerprint();
        // not assessed yet: no treatment, no acceptance
        Response r = api.treat(id, "MODIFY", List.of(item("harden", "PLANNED", "8.8")));
        problem(r, 409, "invalid-state-transition");
        assertThat((String) r.path("detail")).contains("IDENTIFIED");
        problem(api.accept(api.admin(), id, RiskApi.inDays(300)), 409, "invalid-state-transition");
        assertThat(api.fingerprint()).isEqualTo(before);
        // assessed but within appetite and treated by controls: nothing to accept
        api.assess(id, pair(1, 1), null).then().statusCode(200);
        api.treat(id, "MODIFY", List.of(item("harden", "DONE", "8.8"))).then().statusCode(200).body("status", equalTo("TREATED"));
        before = api.fingerprint();
        problem(api.accept(api.admin(), id, RiskApi.inDays(300)), 409, "conflict");
        assertThat(api.fingerprint()).isEqualTo(before);
        // closed is final
        api.officer().header("If-Match", api.etag(id)).body(Map.of("reason", "asset decommissioned"))
                .post("/api/risks/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        before = api.fingerprint();
        problem(api.officer().header("If-Match", api.etag(id)).body(Map.of("reason", "again"))
                .post("/api/risks/" + id + "/close"), 409, "invalid-state-transition");
        problem(api.assess(id, pair(2, 2), null), 409, "conflict");
        problem(api.treat(id, "AVOID", List.of()), 409, "invalid-state-transition");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseStaleOrMissingIfMatch() {
        String asset = api.asset("srv", 2, 2, 2);
        String id = api.create(risk("x", asset));
        api.assess(id, pair(2, 2), null).then().statusCode(200);
        String before = api.fingerprint();
        List<Supplier<Response>> stale = List.of(
                () -> api.officer().header("If-Match", "\"0\"").body(risk("y", asset)).put("/api/risks/" + id),
                () -> api.officer().header("If-Match", "\"0\"").body(Map.of("inherent", pair(3, 3)))
                        .put("/api/risks/" + id + "/assessment"),
                () -> api.officer().header("If-Match", "\"0\"").body(Map.of("option", "AVOID", "plan", List.of()))
                        .put("/api/risks/" + id + "/treatment"),
                () -> api.officer().header("If-Match", "\"0\"").body(Map.of("reason", "r")).post("/api/risks/" + id + "/close"),
                () -> api.officer().header("If-Match", "\"0\"").body(Map.of()).post("/api/risks/" + id + "/review"),
                () -> api.admin().header("If-Match", "\"0\"").delete("/api/risks/" + id));
        for (Supplier<Response> call : stale) {
            problem(call.get(), 412, "precondition-failed");
        }
        problem(api.officer().body(risk("y", asset)).put("/api/risks/" + id), 428, "precondition-required");
        problem(api.officer().body(Map.of("inherent", pair(3, 3))).put("/api/risks/" + id + "/assessment"), 428,
                "precondition-required");
        problem(api.officer().header("If-Match", "*").body(risk("y", asset)).put("/api/risks/" + id), 412,
                "precondition-failed");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldKeepTenantsApart() {
        String id = api.create(risk("acme's", api.asset("srv", 2, 2, 2)));
        RiskApi other = new RiskApi("globex");
        problem(other.officer().get("/api/risks/" + id), 404, "not-found");
        other.officer().get("/api/risks").then().statusCode(200).body("total", equalTo(0));
        String before = api.fingerprint();
        problem(other.officer().header("If-Match", "\"0\"").body(Map.of("inherent", pair(3, 3)))
                .put("/api/risks/" + id + "/assessment"), 404, "not-found");
        problem(other.admin().header("If-Match", "\"0\"").delete("/api/risks/" + id), 404, "not-found");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRequireAToken() {
        io.restassured.RestAssured.given().get("/api/risks").then().statusCode(401)
                .contentType("application/problem+json");
        Map<String, Object> none = new LinkedHashMap<>();
        io.restassured.RestAssured.given().contentType("application/json").body(none).post("/api/risks").then()
                .statusCode(401);
    }
}
