package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.isms.risk.RiskApi.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The threat and vulnerability catalogs: seeded per tenant, edited per tenant, named by risks. */
@QuarkusTest
class CatalogTest {
    final RiskApi api = new RiskApi("catalog");

    @Test
    void shouldSeedEachTenantWithTheBaseline() {
        api.viewer().get("/api/threats?size=100").then().statusCode(200)
                .body("total", equalTo(18))
                .body("items.name", hasItems("Fire", "Malware", "Unauthorised access", "Loss of power supply",
                        "Social engineering"))
                .body("items[0].baseline", equalTo(true));
        api.viewer().get("/api/vulnerabilities?size=100").then().statusCode(200)
                .body("total", equalTo(14))
                .body("items.name", hasItems("Unpatched software", "Weak authentication", "Single point of failure"));
        api.viewer().get("/api/threats?category=physical").then().body("items.name", equalTo(List.of("Fire", "Water damage")));
        api.viewer().get("/api/vulnerabilities?q=backup").then().body("items.code", equalTo(List.of("V05")));
        // seeded once, however often it is read
        api.viewer().get("/api/threats").then().body("total", equalTo(18));
        assertThat(RiskApi.query("select count(*) from catalog_entry where tenant_id = ?", api.tenant)).isEqualTo("32");
        // each copied entry is an event of its own, by the baseline, with the entry as it stands
        assertThat(api.events("isms.catalog-entry.added.v1")).isEqualTo(32);
        assertThat(RiskApi.query("select count(*) from outbox o join catalog_entry e on e.id::text = o.aggregate_id"
                + " where o.tenant_id = ? and o.event_type = 'isms.catalog-entry.added.v1' and o.payload->>'by' = 'baseline'"
                + " and o.payload->'entry'->>'code' = e.code and o.payload->'entry'->>'kind' = e.kind", api.tenant))
                .isEqualTo("32");
    }

    @Test
    void shouldEditTheTenantsOwnCopy() {
        Response created = api.officer().body(Map.of("code", "T19", "name", "Credential stuffing", "category",
                "Unauthorised actions", "description", "reused passwords tried at scale")).post("/api/threats");
        created.then().statusCode(201).header("ETag", "\"0\"").body("baseline", equalTo(false))
                .body("createdBy", equalTo("olivia"));
        String id = created.path("id");
        api.officer().header("If-Match", "\"0\"").body(Map.of("code", "T19", "name", "Credential stuffing",
                "category", "Compromise of functions")).put("/api/threats/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("category", equalTo("Compromise of functions"));
        // a baseline entry is the tenant's to change too
        String fire = api.viewer().get("/api/threats?q=fire").path("items[0].id");
        api.admin().header("If-Match", "\"0\"").body(Map.of("code", "T01", "name", "Fire or explosion", "category",
                "Physical")).put("/api/threats/" + fire).then().statusCode(200);
        // another tenant's catalog is untouched and does not show this one's entries
        RiskApi other = new RiskApi("other");
        other.viewer().get("/api/threats?q=fire").then().body("items[0].name", equalTo("Fire"));
        problem(other.viewer().get("/api/threats/" + id), 404, "not-found");
        // a threat is not a vulnerability
        problem(api.viewer().get("/api/vulnerabilities/" + id), 404, "not-found");
        api.admin().header("If-Match", "\"1\"").delete("/api/threats/" + id).then().statusCode(204);
        problem(api.viewer().get("/api/threats/" + id), 404, "not-found");
        // every change of the entry is an event, the removal with its final state
        assertThat(RiskApi.query("select string_agg(event_type || ':' || (payload->'entry'->>'version') || ':'"
                + " || (payload->'entry'->>'category') || ':' || (payload->>'by'), ' ' order by id) from outbox"
                + " where aggregate_id = ?", id)).isEqualTo("isms.catalog-entry.added.v1:0:Unauthorised actions:olivia"
                        + " isms.catalog-entry.changed.v1:1:Compromise of functions:olivia"
                        + " isms.catalog-entry.removed.v1:1:Compromise of functions:ada");
    }

    @Test
    void shouldRefuseDuplicatesBadBodiesViewersAndDeletingWhatRisksName() {
        api.viewer().get("/api/threats").then().statusCode(200);
        String malware = api.viewer().get("/api/threats?q=malware").path("items[0].id");
        String unpatched = api.viewer().get("/api/vulnerabilities?q=unpatched").path("items[0].id");
        String risk = api.create(RiskApi.with(RiskApi.risk("ransomware", api.asset("srv", 2, 2, 2)),
                "threatId", malware, "vulnerabilityId", unpatched));
        api.get(risk).then().body("threatId", equalTo(malware)).body("vulnerabilityId", equalTo(unpatched));

        String before = api.fingerprint();
        problem(api.officer().body(Map.of("code", "T99", "name", "malware", "category", "x")).post("/api/threats"),
                409, "conflict");
        problem(api.officer().body(Map.of("code", "t08", "name", "new", "category", "x")).post("/api/threats"),
                409, "conflict");
        problem(api.officer().body(Map.of("code", "bad code!", "name", "n", "category", "x")).post("/api/threats"),
                400, "validation");
        problem(api.officer().body(Map.of("code", "T98", "category", "x")).post("/api/threats"), 400, "validation");
        problem(api.viewer().body(Map.of("code", "T97", "name", "n", "category", "x")).post("/api/threats"), 403, "forbidden");
        problem(api.owner().body(Map.of("code", "T97", "name", "n", "category", "x")).post("/api/threats"), 403, "forbidden");
        problem(api.admin().header("If-Match", "\"0\"").delete("/api/threats/" + malware), 409, "conflict");
        problem(api.admin().header("If-Match", "\"5\"").delete("/api/vulnerabilities/" + unpatched), 412,
                "precondition-failed");
        // a risk may not name a vulnerability as its threat, nor another tenant's entry
        RiskApi other = new RiskApi("other");
        String theirs = other.viewer().get("/api/threats?q=fire").path("items[0].id");
        String asset = api.asset("srv2", 2, 2, 2);
        problem(api.officer().body(RiskApi.with(RiskApi.risk("x", asset), "threatId", unpatched)).post("/api/risks"),
                400, "validation").then().body("errors[0].field", equalTo("threatId"));
        problem(api.officer().body(RiskApi.with(RiskApi.risk("x", asset), "threatId", theirs)).post("/api/risks"),
                400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);
    }
}
