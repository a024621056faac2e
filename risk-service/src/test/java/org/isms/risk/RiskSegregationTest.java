package org.isms.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.isms.risk.RiskApi.item;
import static org.isms.risk.RiskApi.pair;
import static org.isms.risk.RiskApi.problem;
import static org.isms.risk.RiskApi.risk;
import static org.isms.risk.RiskApi.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Segregation of duties in risk acceptance: the approver is never the owner (compared by stable user id,
 * not by a name's spelling), and an acceptance holds only for what was accepted — any later change of the
 * owner, the assets, the affected properties, the threat or vulnerability, the assessment, the plan, or the
 * level under a new methodology voids it, with the reason recorded and an event. Acceptances are capped.
 */
@QuarkusTest
class RiskSegregationTest {
    final RiskApi api = new RiskApi("sod");

    /** Assessed 3×3 (MEDIUM), RETAIN, accepted by ada (admin); owned by alice. */
    String accepted(String title, String asset) {
        String id = api.assessed(title, asset, 3, 3, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        api.accept(api.admin(), id, RiskApi.inDays(100)).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        return id;
    }

    @Test
    void shouldVoidTheAcceptanceWhenTheApproverMakesThemselvesTheOwnerAndWidensTheScope() {
        // the scenario: olivia (officer) accepts a risk owned by alice, then makes herself its owner
        // and widens its scope; before, the risk stayed ACCEPTED with olivia as approver and owner
        String asset = api.asset("crm", 3, 3, 3);
        String id = api.assessed("Customer data leak", asset, 3, 3, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        api.accept(api.officer(), id, RiskApi.inDays(100)).then().statusCode(200)
                .body("acceptance.approver", equalTo(RiskApi.OFFICER));

        api.officer().header("If-Match", api.etag(id))
                .body(with(risk("Customer data leak", asset), "owner", RiskApi.OFFICER, "cia", List.of("C", "I", "A")))
                .put("/api/risks/" + id).then().statusCode(200)
                .body("owner", equalTo(RiskApi.OFFICER))
                .body("ownerId", equalTo(sub(RiskApi.OFFICER)))
                .body("status", equalTo("TREATMENT_PLANNED"))
                .body("acceptance", nullValue())
                .body("reviewRequired", equalTo(true))
                .body("reviewReasons[0].kind", equalTo("ACCEPTANCE_VOIDED"))
                .body("reviewReasons[0].reason", equalTo("acceptance by olivia voided: owner alice→olivia,"
                        + " affected properties C→CIA changed"));
        // the flag is announced as every flag is: a review-required event with the reason
        assertThat(RiskApi.query("select string_agg(event_type, ' ' order by id) from outbox where aggregate_id = ?"
                + " and event_type in ('isms.risk.updated.v1', 'isms.risk.acceptance-voided.v1',"
                + " 'isms.risk.review-required.v1')", id))
                .isEqualTo("isms.risk.updated.v1 isms.risk.acceptance-voided.v1 isms.risk.review-required.v1");
        assertThat(RiskApi.query("select payload->>'reason' from outbox where aggregate_id = ? and event_type ="
                + " 'isms.risk.review-required.v1'", id)).isEqualTo("acceptance by olivia voided: owner alice→olivia,"
                        + " affected properties C→CIA changed");
        assertThat(RiskApi.query("select concat_ws('|', payload->>'approver', payload->>'by', payload->>'byId',"
                + " payload->'risk'->>'status', payload->'risk'->>'ownerId') from outbox where aggregate_id = ?"
                + " and event_type = 'isms.risk.acceptance-voided.v1'", id))
                .isEqualTo("olivia|olivia|" + sub("olivia") + "|TREATMENT_PLANNED|" + sub("olivia"));
        assertThat(RiskApi.query("select payload->>'changed' from outbox where aggregate_id = ? and event_type ="
                + " 'isms.risk.updated.v1'", id)).isEqualTo("[\"owner\", \"cia\"]");

        // and now she owns it, she cannot accept it again
        String before = api.fingerprint();
        problem(api.accept(api.officer(), id, RiskApi.inDays(100)), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldVoidTheAcceptanceOnEveryChangeOfWhatWasAccepted() {
        String asset = api.asset("srv", 2, 2, 2);
        String other = api.asset("other", 2, 2, 2);
        String threat = api.viewer().get("/api/threats?size=1").path("items[0].id");

        String assets = accepted("assets change", asset);
        put(assets, with(risk("assets change", asset, other)));
        voided(assets, "assets changed");

        String threatened = accepted("threat change", asset);
        put(threatened, with(risk("threat change", asset), "threatId", threat));
        voided(threatened, "threat changed");

        // the same level, other numbers: what was accepted was 3×3
        String reassessed = accepted("reassessed", asset);
        api.assess(reassessed, pair(3, 2), null).then().statusCode(200).body("level", equalTo("MEDIUM"));
        voided(reassessed, "assessment changed L3×I3→L3×I2");

        String replanned = accepted("replanned", asset);
        api.treat(replanned, "MODIFY", List.of(item("Patch", "PLANNED", "8.8"))).then().statusCode(200);
        voided(replanned, "treatment plan changed (MODIFY)");

        // what was not accepted may change: the title and description, the same assessment again
        String kept = accepted("kept", asset);
        put(kept, with(risk("kept, renamed", asset), "description", "clearer now"));
        api.assess(kept, pair(3, 3), null).then().statusCode(200);
        api.get(kept).then().body("status", equalTo("ACCEPTED")).body("acceptance.approver", equalTo("ada"))
                .body("reviewRequired", equalTo(false));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type ="
                + " 'isms.risk.acceptance-voided.v1'", kept)).isEqualTo("0");
    }

    @Test
    void shouldVoidTheAcceptanceWhenANewMethodologyMovesTheLevel() {
        String id = accepted("re-rated", api.asset("lan", 2, 2, 2));
        Map<String, Object> body = api.methodology();
        body.put("matrix", RiskApi.stricter(body));
        body.put("reason", "stricter");
        api.officer().header("If-Match", "\"0\"").body(body).put("/api/risk-methodology").then().statusCode(200);
        api.get(id).then().body("level", equalTo("HIGH")).body("status", equalTo("TREATMENT_PLANNED"))
                .body("acceptance", nullValue());
        assertThat(RiskApi.query("select payload->>'reason' || '|' || (payload->>'by') from outbox where aggregate_id = ?"
                + " and event_type = 'isms.risk.acceptance-voided.v1'", id))
                .isEqualTo("methodology changed to version 1: stricter|olivia");
    }

    @Test
    void shouldCompareOwnersByStableIdNotByTheSpellingOfTheirName() {
        String asset = api.asset("db", 2, 2, 2);
        // olivia has used the ISMS: her name resolves to her id, whatever case it is written in
        api.officer().get("/api/risks").then().statusCode(200);
        String id = api.create(with(risk("Shouting owner", asset), "owner", "  OLIVIA "));
        api.get(id).then().body("owner", equalTo("olivia")).body("ownerId", equalTo(sub("olivia")));
        api.assess(id, pair(3, 3), null).then().statusCode(200);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);

        String before = api.fingerprint();
        problem(api.accept(api.officer(), id, RiskApi.inDays(30)), 403, "forbidden");
        // olivia renamed in Keycloak: the same person (sub), another name, still the owner
        problem(api.accept(as("olivia.renamed", sub("olivia")), id, RiskApi.inDays(30)), 403, "forbidden");
        // the same letters in other case from the token are the same user too
        problem(api.accept(as("Olivia", sub("olivia")), id, RiskApi.inDays(30)), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
        // a different account that now carries the name "olivia" is not the owner: the id decides
        api.accept(as("olivia", UUID.randomUUID().toString()), id, RiskApi.inDays(30)).then().statusCode(200)
                .body("acceptance.approver", equalTo("olivia"));
    }

    @Test
    void shouldBindAnOwnerNamedBeforeTheyUsedTheIsmsWhenTheyFirstDo() {
        String asset = api.asset("hr", 2, 2, 2);
        String newcomer = "zed-" + UUID.randomUUID().toString().substring(0, 6);
        String id = api.create(with(risk("Named early", asset), "owner", newcomer.toUpperCase()));
        api.get(id).then().body("owner", equalTo(newcomer)).body("ownerId", nullValue());
        api.assess(id, pair(3, 3), null).then().statusCode(200);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        // known by name only, the owner cannot be told apart from another account of that name: nobody accepts
        String before = api.fingerprint();
        Response early = api.accept(api.officer(), id, RiskApi.inDays(30));
        problem(early, 409, "conflict");
        assertThat(early.<String>path("detail")).contains("has not used the ISMS yet");
        // the newcomer, as an officer, may not approve what they own (their first request: now they are known)
        problem(api.accept(api.as(newcomer, "security-officer"), id, RiskApi.inDays(30)), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
        // once they used the ISMS, the next change binds their stable id to the risk, and another may approve
        api.as(newcomer, "risk-owner").get("/api/risks").then().statusCode(200);
        api.officer().body(Map.of("comment", "checked")).post("/api/risks/" + id + "/review").then().statusCode(200)
                .body("ownerId", equalTo(sub(newcomer)));
        api.accept(api.officer(), id, RiskApi.inDays(30)).then().statusCode(200)
                .body("acceptance.approver", equalTo(RiskApi.OFFICER));
    }

    @Test
    void shouldAnnounceTheOwnerIdBoundByAnOtherwiseUnchangedPut() {
        String asset = api.asset("payroll", 2, 2, 2);
        String newcomer = "yan-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = with(risk("Named early too", asset), "owner", newcomer);
        String id = api.create(body);
        api.as(newcomer, "risk-owner").get("/api/risks").then().statusCode(200);

        // the same body again: nothing the caller sent changed, but the owner's id is bound now, a new version
        api.officer().header("If-Match", "\"0\"").body(body).put("/api/risks/" + id).then().statusCode(200)
                .body("ownerId", equalTo(sub(newcomer))).body("version", equalTo(1));
        assertThat(RiskApi.query("select string_agg(payload->>'changed' || ' ' || (payload->'risk'->>'ownerId'), ';')"
                + " from outbox where aggregate_id = ? and event_type = 'isms.risk.updated.v1'", id))
                .isEqualTo("[\"ownerId\"] " + sub(newcomer));
        // and once more: now truly nothing changed, no new version, no event
        api.officer().header("If-Match", "\"1\"").body(body).put("/api/risks/" + id).then().statusCode(200)
                .body("version", equalTo(1));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type ="
                + " 'isms.risk.updated.v1'", id)).isEqualTo("1");
    }

    @Test
    void shouldCapHowFarAheadAnAcceptanceMayRun() {
        String id = api.assessed("Capped", api.asset("cap", 2, 2, 2), 3, 3, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        String before = api.fingerprint();
        Response tooLong = api.accept(api.admin(), id, RiskApi.inDays(400));
        problem(tooLong, 400, "validation");
        assertThat((String) tooLong.path("errors[0].field")).isEqualTo("expiresAt");
        assertThat((String) tooLong.path("detail")).contains("at most 365 days ahead");
        assertThat(api.fingerprint()).isEqualTo(before);

        // the cap is the methodology's: 30 days here
        assertThat(api.viewer().get("/api/risk-methodology").<Integer>path("maxAcceptanceDays")).isEqualTo(365);
        Map<String, Object> body = api.methodology();
        problem(api.officer().header("If-Match", "\"0\"").body(with(body, "maxAcceptanceDays", 0))
                .put("/api/risk-methodology"), 400, "validation");
        problem(api.officer().header("If-Match", "\"0\"").body(with(body, "maxAcceptanceDays", 2000))
                .put("/api/risk-methodology"), 400, "validation");
        api.officer().header("If-Match", "\"0\"").body(with(body, "maxAcceptanceDays", 30))
                .put("/api/risk-methodology").then().statusCode(200).body("maxAcceptanceDays", equalTo(30));
        problem(api.accept(api.admin(), id, RiskApi.inDays(32)), 400, "validation");
        api.accept(api.admin(), id, RiskApi.inDays(29)).then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    // ----------------------------------------------------------------------------------------- helpers

    private void put(String id, Map<String, Object> body) {
        api.officer().header("If-Match", api.etag(id)).body(body).put("/api/risks/" + id).then().statusCode(200);
    }

    private void voided(String id, String why) {
        api.get(id).then().body("status", equalTo("TREATMENT_PLANNED")).body("acceptance", nullValue())
                .body("reviewReasons.find { it.kind == 'ACCEPTANCE_VOIDED' }.reason",
                        equalTo("acceptance by ada voided: " + why));
        assertThat(RiskApi.query("select payload->>'reason' || '|' || (payload->>'approver') from outbox where"
                + " aggregate_id = ? and event_type = 'isms.risk.acceptance-voided.v1'", id)).isEqualTo(why + "|ada");
    }

    /** A security officer with this user name and subject (what Keycloak puts in the token). */
    private RequestSpecification as(String name, String subject) {
        return given().auth().oauth2(TestTokens.user(name, "security-officer").tenant(api.tenant).claim("sub", subject)
                .sign()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String sub(String name) {
        return TestTokens.subjectOf(name);
    }
}
