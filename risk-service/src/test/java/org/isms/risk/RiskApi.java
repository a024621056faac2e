package org.isms.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.TestClock;
import org.isms.testing.TestDb;
import org.isms.testing.TestTokens;

/**
 * Calls the risk API as users of one tenant. Each test instance takes its own tenant, so tests that share
 * the database never see each other's risks. Assets are put straight into the projection (what asset
 * events would leave there); the way there over Kafka is proven by the consumer tests.
 */
final class RiskApi {
    static final String OFFICER = "olivia";
    static final String OWNER = "alice";

    final String tenant;
    private boolean ownerKnown;

    RiskApi(String prefix) {
        this.tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * alice has used the ISMS in this tenant (one request), as the owner of a risk in production would have before
     * their risk is accepted: the directory knows her stable id, so risks named for her are bound to it.
     */
    void knowOwner() {
        if (!ownerKnown) {
            owner().get("/api/risks").then().statusCode(200);
            ownerKnown = true;
        }
    }

    String token(String user, String... roles) {
        return TestTokens.user(user, roles).tenant(tenant).sign();
    }

    RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(token(user, roles)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    RequestSpecification officer() {
        return as(OFFICER, "security-officer");
    }

    /** alice, a risk owner without other roles. */
    RequestSpecification owner() {
        return as(OWNER, "risk-owner");
    }

    RequestSpecification viewer() {
        return as("victor", "viewer");
    }

    RequestSpecification admin() {
        return as("ada", "isms-admin");
    }

    /** A PUT body of the tenant's current methodology: its scales, matrix, appetite and review interval. */
    Map<String, Object> methodology() {
        Map<String, Object> view = viewer().get("/api/risk-methodology").jsonPath().getMap("");
        Map<String, Object> body = new LinkedHashMap<>();
        for (String f : List.of("likelihood", "impact", "matrix", "appetite", "reviewIntervalDays")) {
            body.put(f, view.get(f));
        }
        return body;
    }

    /** The body's 5×5 matrix made stricter: impact 3 is HIGH from likelihood 3 up. */
    @SuppressWarnings("unchecked")
    static List<List<String>> stricter(Map<String, Object> methodology) {
        List<List<String>> matrix = (List<List<String>>) methodology.get("matrix");
        List<List<String>> stricter = new ArrayList<>();
        for (int l = 0; l < 5; l++) {
            List<String> row = new ArrayList<>(matrix.get(l));
            if (l >= 2) {
                row.set(2, "HIGH");
            }
            stricter.add(row);
        }
        return stricter;
    }

    /** An asset of this tenant's projection with the given effective ratings; its id. */
    String asset(String name, int c, int i, int a) {
        return asset(tenant, name, c, i, a);
    }

    static String asset(String tenant, String name, int c, int i, int a) {
        UUID id = UUID.randomUUID();
        update("insert into asset_projection (asset_id, tenant_id, name, type, owner, status, confidentiality, integrity,"
                + " availability, deleted, revision, last_event_id, last_event_at) values (?, ?, ?, 'SOFTWARE', 'alice',"
                + " 'IN_USE', ?, ?, ?, false, 1, 'fixture', now())", id, tenant, name, c, i, a);
        return id.toString();
    }

    /** A valid risk body owned by alice on the given assets, affecting confidentiality. */
    static Map<String, Object> risk(String title, String... assetIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", "what could happen to " + title);
        m.put("assetIds", List.of(assetIds));
        m.put("owner", OWNER);
        m.put("cia", List.of("C"));
        return m;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        for (int k = 0; k < keyValues.length; k += 2) {
            m.put((String) keyValues[k], keyValues[k + 1]);
        }
        return m;
    }

    static Map<String, Object> pair(Integer likelihood, Integer impact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("likelihood", likelihood);
        m.put("impact", impact);
        return m;
    }

    static Map<String, Object> item(String action, String status, String... controls) {
        return new LinkedHashMap<>(Map.of("action", action, "owner", OWNER, "dueDate",
                clock().today(90).toString(), "status", status,
                "controlIds", List.of(controls)));
    }

    /** The application's clock (the test clock every @QuarkusTest gets). */
    static TestClock clock() {
        return TestClock.current();
    }

    /** Midnight UTC {@code days} from the clock's today, as the API writes instants ("2027-03-01T00:00:00Z"). */
    static String inDays(int days) {
        return DateTimeFormatter.ISO_INSTANT.format(clock().today(days).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    String create(Map<String, Object> body) {
        knowOwner();
        Response r = officer().body(body).post("/api/risks");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        return r.path("id");
    }

    Response get(String id) {
        return officer().get("/api/risks/" + id);
    }

    String etag(String id) {
        return "\"" + ((Number) get(id).path("version")).longValue() + "\"";
    }

    Response assess(String id, Map<String, Object> inherent, Map<String, Object> residual) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inherent", inherent);
        body.put("residual", residual);
        return officer().header("If-Match", etag(id)).body(body).put("/api/risks/" + id + "/assessment");
    }

    Response treat(String id, String option, List<Map<String, Object>> plan) {
        return officer().header("If-Match", etag(id)).body(Map.of("option", option, "plan", plan))
                .put("/api/risks/" + id + "/treatment");
    }

    Response accept(RequestSpecification as, String id, String expiresAt) {
        return as.header("If-Match", etag(id))
                .body(Map.of("justification", "cost of treatment exceeds the expected loss", "expiresAt", expiresAt))
                .put("/api/risks/" + id + "/acceptance");
    }

    /** Assessed at inherent (l, i), optionally residual, and ready for the next step. */
    String assessed(String title, String assetId, int l, int i, Integer rl, Integer ri) {
        String id = create(risk(title, assetId));
        Response r = assess(id, pair(l, i), rl == null ? null : pair(rl, ri));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return id;
    }

    /**
     * Everything a write could change in this tenant, in one string: risks and their versions, methodology
     * versions, catalog entries and their versions, outbox events. Equal before and after a refused request =
     * it changed nothing.
     */
    String fingerprint() {
        return query("select (select count(*) || ':' || coalesce(sum(version), 0) from risk where tenant_id = ?)"
                + " || '/' || (select count(*) from risk_methodology where tenant_id = ?)"
                + " || '/' || (select count(*) || ':' || coalesce(sum(version), 0) from catalog_entry where tenant_id = ?)"
                + " || '/' || (select count(*) from outbox where tenant_id = ?)", tenant, tenant, tenant, tenant);
    }

    long events(String type) {
        return Long.parseLong(query("select count(*) from outbox where tenant_id = ? and event_type = ?", tenant, type));
    }

    /** The first column of the first row of a query on the test database. */
    static String query(String sql, Object... args) {
        return TestDb.query(sql, args);
    }

    static int update(String sql, Object... args) {
        Object[] bound = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            bound[i] = args[i] instanceof String str && isUuid(str) ? UUID.fromString(str) : args[i];
        }
        return TestDb.update(sql, bound);
    }

    private static boolean isUuid(String s) {
        return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-';
    }

    /** Asserts a problem+json answer of the given status and type. */
    static Response problem(Response r, int status, String kind) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.path("type")).endsWith(":" + kind);
        return r;
    }
}
