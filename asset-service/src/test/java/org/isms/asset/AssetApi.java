package org.isms.asset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.TestDb;
import org.isms.testing.TestTokens;

/**
 * Calls the asset API as a user of one tenant. Each test class takes its own tenant, so classes that
 * share the test database never see each other's assets.
 */
final class AssetApi {
    final String tenant;

    AssetApi(String prefix) {
        this.tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String token(String role) {
        return TestTokens.user(role + "-user", role).tenant(tenant).sign();
    }

    RequestSpecification as(String role) {
        return given().auth().oauth2(token(role)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    RequestSpecification officer() {
        return as("security-officer");
    }

    /** A valid registration body; change it with {@link #with}. */
    static Map<String, Object> asset(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", "SOFTWARE");
        m.put("description", "the " + name);
        m.put("owner", "alice");
        m.put("classification", cia(2, 2, 2));
        return m;
    }

    static Map<String, Object> cia(int c, int i, int a) {
        return new LinkedHashMap<>(Map.of("confidentiality", c, "integrity", i, "availability", a));
    }

    static Map<String, Object> with(Map<String, Object> body, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        for (int k = 0; k < keyValues.length; k += 2) {
            m.put((String) keyValues[k], keyValues[k + 1]);
        }
        return m;
    }

    /** Registers and returns the created asset's JSON. */
    Response register(Map<String, Object> body) {
        Response r = officer().body(body).post("/api/assets");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        return r;
    }

    String registerId(Map<String, Object> body) {
        return register(body).path("id");
    }

    Response get(String id) {
        return officer().get("/api/assets/" + id);
    }

    long version(String id) {
        return ((Number) get(id).path("version")).longValue();
    }

    /** The update body of an asset as it is now (what a client would send back after a GET). */
    Map<String, Object> updateBody(String id) {
        Map<String, Object> view = get(id).jsonPath().getMap("");
        Map<String, Object> body = new LinkedHashMap<>();
        for (String f : List.of("name", "type", "description", "owner", "custodian", "location", "tags", "personalData",
                "businessCritical", "identifiers", "dependsOn", "reviewDate")) {
            body.put(f, view.get(f));
        }
        return body;
    }

    Response classify(String id, int c, int i, int a, String reason) {
        return officer().header("If-Match", "\"" + version(id) + "\"")
                .body(with(cia(c, i, a), "reason", reason)).put("/api/assets/" + id + "/classification");
    }

    Response setDependsOn(String id, String... dependsOn) {
        Map<String, Object> body = updateBody(id);
        body.put("dependsOn", new ArrayList<>(List.of(dependsOn)));
        return officer().header("If-Match", "\"" + version(id) + "\"").body(body).put("/api/assets/" + id);
    }

    /** The effective ratings of an asset as [c, i, a]. */
    List<Integer> effective(String id) {
        Response r = get(id);
        return List.of(r.path("effectiveClassification.confidentiality"), r.path("effectiveClassification.integrity"),
                r.path("effectiveClassification.availability"));
    }

    /**
     * Everything a write could change in this tenant, in one string: assets and their versions, edges,
     * history entries and outbox events. Equal before and after a refused request = it changed nothing.
     */
    String fingerprint() {
        return query("select (select count(*) || ':' || coalesce(sum(version), 0) from asset where tenant_id = ?)"
                + " || '/' || (select count(*) from asset_dependency where tenant_id = ?)"
                + " || '/' || (select count(*) from asset_change where tenant_id = ?)"
                + " || '/' || (select count(*) from outbox where tenant_id = ?)", tenant, tenant, tenant, tenant);
    }

    /** The first column of the first row of a query on the test database. */
    static String query(String sql, Object... args) {
        return TestDb.query(sql, args);
    }

    long total(String query) {
        return ((Number) officer().get("/api/assets" + query).then().statusCode(200).extract().path("total")).longValue();
    }
}
