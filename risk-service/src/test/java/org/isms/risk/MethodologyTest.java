package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.isms.risk.RiskApi.problem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tenant's methodology: the default, versioned changes that re-rate the register, and what is refused. */
@QuarkusTest
class MethodologyTest {
    final RiskApi api = new RiskApi("method");

    /** The current methodology as a change body. */
    Map<String, Object> body() {
        return api.methodology();
    }

    @Test
    void shouldStartWithTheDefaultFiveByFive() {
        api.viewer().get("/api/risk-methodology").then().statusCode(200).header("ETag", "\"0\"")
                .body("version", equalTo(0))
                .body("likelihood.size()", equalTo(5))
                .body("impact.size()", equalTo(5))
                .body("likelihood[0].label", equalTo("Rare"))
                .body("impact[4].label", equalTo("Severe"))
                .body("matrix[4][4]", equalTo("CRITICAL"))
                .body("matrix[0][0]", equalTo("LOW"))
                .body("appetite", equalTo("MEDIUM"))
                .body("reviewIntervalDays.CRITICAL", equalTo(30));
    }

    @Test
    void shouldVersionAChangeAndReRateEveryOpenRisk() {
        String a = api.asset("a", 2, 2, 2);
        String moves = api.assessed("moves", a, 3, 3, null, null); // MEDIUM under the default
        String stays = api.assessed("stays", a, 1, 1, null, null); // LOW
        String closed = api.assessed("closed", a, 3, 3, null, null);
        api.officer().header("If-Match", api.etag(closed)).body(Map.of("reason", "x")).post("/api/risks/" + closed + "/close")
                .then().statusCode(200);
        long assessedBefore = api.events("isms.risk.assessed.v1");

        Map<String, Object> body = body();
        body.put("matrix", RiskApi.stricter(body));
        body.put("appetite", "LOW");
        body.put("reason", "board lowered the appetite");
        api.admin().header("If-Match", "\"0\"").body(body).put("/api/risk-methodology").then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1)).body("changedBy", equalTo("ada"))
                .body("appetite", equalTo("LOW"));

        api.get(moves).then().body("level", equalTo("HIGH")).body("aboveAppetite", equalTo(true))
                .body("methodologyVersion", equalTo(1));
        api.get(stays).then().body("level", equalTo("LOW")).body("aboveAppetite", equalTo(false));
        api.get(closed).then().body("level", equalTo("MEDIUM")).body("methodologyVersion", equalTo(0));
        // one event per risk whose level (or standing against the appetite) moved, saying why
        assertThat(api.events("isms.risk.assessed.v1") - assessedBefore).isEqualTo(1);
        assertThat(RiskApi.query("select payload->>'reason' || '|' || (payload->>'previousLevel') from outbox"
                + " where aggregate_id = ? order by id desc limit 1", moves))
                .isEqualTo("methodology changed to version 1: board lowered the appetite|MEDIUM");

        // the change itself is an event, subject the tenant, with the whole new method
        assertThat(RiskApi.query("select concat_ws('|', aggregate_id, payload->>'version', payload->'definition'->>'appetite',"
                + " payload->'definition'->'matrix'->2->>2, payload->>'risksRerated', payload->>'by', payload->>'reason')"
                + " from outbox where tenant_id = ? and event_type = 'isms.methodology.changed.v1'", api.tenant))
                .isEqualTo(api.tenant + "|1|LOW|HIGH|1|ada|board lowered the appetite");

        api.viewer().get("/api/risk-methodology/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 0)));
        api.viewer().get("/api/risk-methodology/versions/0").then().statusCode(200).body("appetite", equalTo("MEDIUM"));
        problem(api.viewer().get("/api/risk-methodology/versions/7"), 404, "not-found");
        // new assessments use the new version
        api.assess(stays, RiskApi.pair(3, 3), null).then().body("level", equalTo("HIGH")).body("methodologyVersion", equalTo(1));
    }

    @Test
    void shouldAllowThreeLevelScales() {
        Map<String, Object> body = body();
        body.put("likelihood", scale(3));
        body.put("impact", scale(3));
        body.put("matrix", List.of(List.of("LOW", "LOW", "MEDIUM"), List.of("LOW", "MEDIUM", "HIGH"),
                List.of("MEDIUM", "HIGH", "CRITICAL")));
        api.officer().header("If-Match", "\"0\"").body(body).put("/api/risk-methodology").then().statusCode(200);
        // a C4 asset proposes the top of a 3-level impact scale
        String id = api.create(RiskApi.risk("x", api.asset("top", 4, 1, 1)));
        api.get(id).then().body("proposedImpact", equalTo(3));
        problem(api.assess(id, RiskApi.pair(4, 3), null), 400, "validation");
        api.assess(id, RiskApi.pair(3, null), null).then().statusCode(200).body("level", equalTo("CRITICAL"));
    }

    @Test
    void shouldRefuseUnusableMethodologiesAndChangeNothing() {
        String before = api.fingerprint();
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(with("likelihood", scale(2)));
        bad.add(with("impact", scale(6)));
        bad.add(with("matrix", List.of(List.of("LOW"))));
        List<List<String>> decreasing = new ArrayList<>();
        for (int l = 0; l < 5; l++) {
            decreasing.add(new ArrayList<>(List.of("LOW", "LOW", "LOW", "LOW", "LOW")));
        }
        decreasing.get(0).set(0, "HIGH");
        bad.add(with("matrix", decreasing));
        bad.add(with("reviewIntervalDays", Map.of("LOW", 365, "MEDIUM", 180, "HIGH", 90)));
        bad.add(with("reviewIntervalDays", Map.of("LOW", 365, "MEDIUM", 180, "HIGH", 90, "CRITICAL", 0)));
        List<Map<String, Object>> unlabeled = scale(5);
        unlabeled.get(2).put("label", " ");
        bad.add(with("likelihood", unlabeled));
        List<Map<String, Object>> misnumbered = scale(5);
        misnumbered.get(1).put("level", 4);
        bad.add(with("impact", misnumbered));
        for (Map<String, Object> body : bad) {
            problem(api.admin().header("If-Match", "\"0\"").body(body).put("/api/risk-methodology"), 400, "validation");
        }
        problem(api.admin().header("If-Match", "\"0\"").body(with("appetite", "EXTREME")).put("/api/risk-methodology"),
                400, "validation");
        problem(api.admin().header("If-Match", "\"0\"").body(with("matrix", decreasing)).put("/api/risk-methodology"),
                400, "validation").then().body("errors.field", hasItem("matrix[1][0]"));
        problem(api.admin().header("If-Match", "\"3\"").body(body()).put("/api/risk-methodology"), 412, "precondition-failed");
        problem(api.admin().body(body()).put("/api/risk-methodology"), 428, "precondition-required");
        problem(api.owner().header("If-Match", "\"0\"").body(body()).put("/api/risk-methodology"), 403, "forbidden");
        problem(api.viewer().header("If-Match", "\"0\"").body(body()).put("/api/risk-methodology"), 403, "forbidden");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseToShrinkScalesUnderAssessedRisks() {
        api.assessed("at five", api.asset("a", 2, 2, 2), 5, 2, null, null);
        Map<String, Object> body = body();
        body.put("likelihood", scale(4));
        body.put("matrix", body.get("matrix") instanceof List<?> m ? m.subList(0, 4) : null);
        String before = api.fingerprint();
        problem(api.admin().header("If-Match", "\"0\"").body(body).put("/api/risk-methodology"), 409, "conflict")
                .then().body("detail", org.hamcrest.Matchers.containsString("at five"));
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = body();
        body.put(field, value);
        return body;
    }

    private static List<Map<String, Object>> scale(int n) {
        List<Map<String, Object>> scale = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            scale.add(new LinkedHashMap<>(Map.of("level", k, "label", "L" + k, "description", "level " + k)));
        }
        return scale;
    }
}
