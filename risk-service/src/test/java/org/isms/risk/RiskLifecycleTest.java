package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.isms.risk.RiskApi.item;
import static org.isms.risk.RiskApi.pair;
import static org.isms.risk.RiskApi.risk;
import static org.isms.risk.RiskApi.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A risk through its cycle: assessed, treated, accepted, reviewed, closed, with the level from the matrix,
 * the events it publishes, the filters, and the heat map and export agreeing with the register.
 */
@QuarkusTest
class RiskLifecycleTest {
    final RiskApi api = new RiskApi("life");

    @Test
    void shouldAssessUnderTheDefaultMatrixAndTakeTheProposedImpact() {
        String crm = api.asset("CRM", 4, 2, 2);
        String id = api.create(risk("Data theft", crm));
        // no impact given: the assets' C4 proposes 5
        api.assess(id, pair(4, null), null).then().statusCode(200)
                .body("status", equalTo("ASSESSED"))
                .body("inherent.likelihood", equalTo(4))
                .body("inherent.impact", equalTo(5))
                .body("inherent.score", equalTo(20))
                .body("inherent.level", equalTo("CRITICAL"))
                .body("level", equalTo("CRITICAL"))
                .body("aboveAppetite", equalTo(true))
                .body("nextReviewDue", equalTo(RiskApi.clock().today(30).toString()))
                .body("methodologyVersion", equalTo(0));
        // the residual level becomes the risk's level
        api.assess(id, pair(4, 5), pair(2, 3)).then().statusCode(200)
                .body("residual.score", equalTo(6)).body("residual.level", equalTo("MEDIUM"))
                .body("level", equalTo("MEDIUM")).body("aboveAppetite", equalTo(false))
                .body("nextReviewDue", equalTo(RiskApi.clock().today(180).toString()));
        assertThat(api.events("isms.risk.assessed.v1")).isEqualTo(2);
        String data = RiskApi.query("select concat_ws(',', payload->>'previousLevel', payload->'risk'->>'residualLevel',"
                + " payload->'risk'->>'owner', payload->'risk'->'assetIds'->>0) from outbox where tenant_id = ? and"
                + " event_type = 'isms.risk.assessed.v1' order by id desc limit 1", api.tenant);
        assertThat(data).isEqualTo("CRITICAL,MEDIUM,alice," + crm);
    }

    @Test
    void shouldTreatWithControlsUntilTreated() {
        String id = api.assessed("Weak VPN auth", api.asset("vpn", 3, 3, 3), 4, 4, 2, 2);
        api.treat(id, "MODIFY", List.of(item("Enforce MFA", "IN_PROGRESS", "8.5", "5.17"),
                item("Log VPN logins", "PLANNED", "8.15"))).then().statusCode(200)
                .body("status", equalTo("TREATMENT_PLANNED"))
                .body("treatment.option", equalTo("MODIFY"))
                .body("treatment.plan[0].controlIds", equalTo(List.of("8.5", "5.17")))
                .body("controlIds", equalTo(List.of("8.5", "5.17", "8.15")));
        api.treat(id, "MODIFY", List.of(item("Enforce MFA", "DONE", "8.5", "5.17"),
                item("Log VPN logins", "DONE", "8.15"))).then().statusCode(200)
                .body("status", equalTo("TREATED"));
        assertThat(api.events("isms.risk.treatment-planned.v1")).isEqualTo(2);
        String data = RiskApi.query("select (payload->'risk'->'controlIds')::text || ' ' || (payload->'risk'->>'status')"
                + " from outbox where tenant_id = ? and event_type = 'isms.risk.treatment-planned.v1' order by id desc"
                + " limit 1", api.tenant);
        assertThat(data).isEqualTo("[\"8.5\", \"5.17\", \"8.15\"] TREATED");
    }

    @Test
    void shouldAcceptARetainedRiskAndVoidTheAcceptanceWhenTheResidualLevelMoves() {
        String id = api.assessed("Legacy FTP", api.asset("ftp", 2, 2, 2), 3, 3, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200).body("status", equalTo("TREATMENT_PLANNED"));
        String until = RiskApi.inDays(300);
        api.accept(api.admin(), id, until).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("acceptance.approver", equalTo("ada"))
                .body("acceptance.justification", equalTo("cost of treatment exceeds the expected loss"))
                .body("acceptance.expiresAt", equalTo(until));
        assertThat(api.events("isms.risk.accepted.v1")).isEqualTo(1);
        // the same level assessed again keeps the acceptance; another level voids it
        api.assess(id, pair(3, 3), null).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        api.assess(id, pair(3, 3), pair(4, 4)).then().statusCode(200)
                .body("status", equalTo("TREATMENT_PLANNED")).body("acceptance", nullValue());
    }

    @Test
    void shouldAcceptAModifiedRiskOnlyWhileItsResidualIsAboveAppetite() {
        String id = api.assessed("Flat network", api.asset("lan", 3, 3, 3), 5, 5, 4, 4);
        api.treat(id, "MODIFY", List.of(item("Segment", "DONE", "8.22"))).then().statusCode(200)
                .body("status", equalTo("TREATMENT_PLANNED")); // done, but HIGH stays above MEDIUM
        // an offset is kept as the instant it names, in UTC
        String day = RiskApi.inDays(200).substring(0, 10);
        api.accept(api.officer(), id, day + "T12:00:00+02:00").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("acceptance.expiresAt", equalTo(day + "T10:00:00Z"));
    }

    @Test
    void shouldReviewAndClose() {
        String id = api.assessed("Stale", api.asset("old", 1, 1, 1), 2, 2, null, null);
        RiskApi.update("update risk set review_required = true, review_reasons = cast(? as jsonb) where id = ?",
                "[{\"kind\":\"REVIEW_OVERDUE\",\"reason\":\"test\",\"at\":\"2026-01-01T00:00:00Z\"}]", id);
        api.get(id).then().body("reviewRequired", equalTo(true)).body("reviewReasons[0].reason", equalTo("test"));
        api.owner().body(Map.of("comment", "still valid")).post("/api/risks/" + id + "/review").then().statusCode(200)
                .body("reviewRequired", equalTo(false))
                .body("reviewReasons", equalTo(List.of()))
                .body("lastReviewedBy", equalTo("alice"))
                .body("nextReviewDue", equalTo(RiskApi.clock().today(365).toString()));
        assertThat(RiskApi.query("select payload->>'comment' || ':' || (payload->>'reviewer') from outbox"
                + " where tenant_id = ? and event_type = 'isms.risk.reviewed.v1'", api.tenant)).isEqualTo("still valid:alice");
        api.officer().header("If-Match", api.etag(id)).body(Map.of("reason", "the system is gone"))
                .post("/api/risks/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedReason", equalTo("the system is gone"))
                .body("allowedTransitions", equalTo(List.of()));
        assertThat(RiskApi.query("select payload->>'reason' from outbox where tenant_id = ? and event_type ="
                + " 'isms.risk.closed.v1'", api.tenant)).isEqualTo("the system is gone");
    }

    @Test
    void shouldFilterTheRegister() {
        String a = api.asset("a", 2, 2, 2);
        String b = api.asset("b", 2, 2, 2);
        String low = api.assessed("low one", a, 1, 1, null, null);
        String critical = api.assessed("critical one", b, 5, 5, null, null);
        String bobs = api.create(with(risk("bob's phishing", a, b), "owner", "bob"));
        RiskApi.update("update risk set review_required = true, next_review_due = current_date - 3 where id = ?", low);

        assertThat(ids("level=CRITICAL")).containsExactly(critical);
        assertThat(ids("status=IDENTIFIED")).containsExactly(bobs);
        assertThat(ids("owner=bob")).containsExactly(bobs);
        assertThat(ids("assetId=" + b)).containsExactlyInAnyOrder(critical, bobs);
        assertThat(ids("aboveAppetite=true")).containsExactly(critical);
        assertThat(ids("aboveAppetite=false")).containsExactlyInAnyOrder(low, bobs);
        assertThat(ids("reviewRequired=true")).containsExactly(low);
        assertThat(ids("overdue=true")).containsExactly(low);
        assertThat(ids("overdue=false")).containsExactlyInAnyOrder(critical, bobs);
        assertThat(ids("q=PHISH")).containsExactly(bobs);
        assertThat(ids("q=phishing&owner=alice")).isEmpty();
        api.get(low).then().body("overdue", equalTo(true));
    }

    private List<String> ids(String query) {
        return api.viewer().get("/api/risks?" + query).then().statusCode(200).extract().path("items.id");
    }

    @Test
    void shouldCountTheHeatmapAndExportTheRegisterAsStored() {
        String a = api.asset("a", 3, 3, 3);
        api.assessed("r1", a, 5, 5, 2, 2);
        api.assessed("r2", a, 5, 5, null, null);
        api.assessed("r3", a, 2, 3, 1, 1);
        api.create(risk("r4 not assessed", a));
        String closed = api.assessed("r5 closed", a, 4, 4, null, null);
        api.officer().header("If-Match", api.etag(closed)).body(Map.of("reason", "gone")).post("/api/risks/" + closed + "/close")
                .then().statusCode(200);

        JsonPath map = api.viewer().get("/api/risks/heatmap").then().statusCode(200).extract().jsonPath();
        assertThat(map.getInt("likelihoodLevels")).isEqualTo(5);
        assertThat(map.getInt("risks")).isEqualTo(4);
        assertThat(map.getList("cells")).hasSize(25);
        // what the heat map counts is what the register holds: compare with the stored rows cell by cell
        Map<String, Long> inherent = new HashMap<>();
        Map<String, Long> residual = new HashMap<>();
        for (Map<String, Object> c : map.<Map<String, Object>>getList("cells")) {
            String key = c.get("likelihood") + "x" + c.get("impact");
            inherent.put(key, ((Number) c.get("inherent")).longValue());
            residual.put(key, ((Number) c.get("residual")).longValue());
        }
        assertThat(inherent).isEqualTo(stored("inherent"));
        assertThat(residual).isEqualTo(stored("residual"));
        assertThat(inherent.get("5x5")).isEqualTo(2);
        assertThat(map.getString("cells.find { it.likelihood == 5 && it.impact == 5 }.level")).isEqualTo("CRITICAL");
        // closed risks when asked for
        api.viewer().get("/api/risks/heatmap?status=CLOSED").then().body("risks", equalTo(1));

        Response csv = api.viewer().accept("text/csv").get("/api/risks/export");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0)).startsWith("id,title,status,owner,assetIds,assets,");
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.subList(1, 6)).extracting(l -> l.split(",")[1])
                .containsExactly("r1", "r2", "r3", "r4 not assessed", "r5 closed");
        for (String line : lines.subList(1, 6)) {
            String[] cells = line.split(",", -1);
            String dbRow = RiskApi.query("select status || ',' || coalesce(inherent_score::text, '') || ',' ||"
                    + " coalesce(residual_level, '') || ',' || version from risk where id = ?", java.util.UUID.fromString(cells[0]));
            assertThat(cells[2] + "," + cells[11] + "," + cells[18] + "," + cells[cells.length - 1]).isEqualTo(dbRow);
        }
        assertThat(api.viewer().accept("text/csv").get("/api/risks/export?status=CLOSED").asString().lines().count()).isEqualTo(2);
    }

    @Test
    void shouldEscapeEveryJoinedAssetNameOfTheExportAndStreamItInPages() {
        // the test profile's pages hold 7 risks: 9 cross two pages
        String safe = api.asset("Safe", 2, 2, 2);
        String evil = api.asset("=cmd|' /C calc'!A0", 2, 2, 2);
        String id = api.create(risk("joined names", safe, evil));
        for (int k = 0; k < 8; k++) {
            api.create(risk("filler " + k, safe));
        }
        Response csv = api.viewer().accept("text/csv").get("/api/risks/export");
        assertThat(csv.header("Transfer-Encoding")).isEqualTo("chunked");
        String line = csv.asString().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        // a spreadsheet splitting the cell at ';' would run the second name: each one is escaped, the cell quoted
        assertThat(line).contains(",\"Safe;'=cmd|' /C calc'!A0\",").contains("\"" + safe + ";" + evil + "\"");
        assertThat(csv.asString().lines().skip(1).map(l -> l.split(",")[1]).toList())
                .hasSize(9).isSorted().doesNotHaveDuplicates();
    }

    /** Open risks per "likelihood x impact" cell, counted in the database. */
    private Map<String, Long> stored(String which) {
        Map<String, Long> counts = new HashMap<>();
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                counts.put(l + "x" + i, Long.parseLong(RiskApi.query("select count(*) from risk where tenant_id = ? and"
                        + " status <> 'CLOSED' and " + which + "_likelihood = ? and " + which + "_impact = ?", api.tenant, l, i)));
            }
        }
        return counts;
    }

    @Test
    void shouldPublishEveryChangeAsAnEventWithTheSnapshot() {
        String id = api.assessed("evented", api.asset("e", 2, 2, 2), 3, 3, null, null);
        api.treat(id, "RETAIN", List.of()).then().statusCode(200);
        api.accept(api.admin(), id, RiskApi.inDays(300)).then().statusCode(200);
        api.officer().body(Map.of()).post("/api/risks/" + id + "/review").then().statusCode(200);
        api.officer().header("If-Match", api.etag(id)).body(Map.of("reason", "done")).post("/api/risks/" + id + "/close")
                .then().statusCode(200);
        List<String> types = new ArrayList<>();
        for (String t : RiskApi.query("select string_agg(event_type, ' ' order by id) from outbox where aggregate_id = ?",
                id).split(" ")) {
            types.add(t);
        }
        assertThat(types).containsExactly("isms.risk.identified.v1", "isms.risk.assessed.v1",
                "isms.risk.treatment-planned.v1", "isms.risk.accepted.v1", "isms.risk.reviewed.v1", "isms.risk.closed.v1");
        // each event carries the version it produced, in order
        assertThat(RiskApi.query("select string_agg(payload->'risk'->>'version', ',' order by id) from outbox"
                + " where aggregate_id = ?", id)).isEqualTo("0,1,2,3,4,5");
    }
}
