package org.isms.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.e2e.RunningStack.GATEWAY;
import static org.isms.e2e.RunningStack.KEYCLOAK;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole stack through the gateway with real Keycloak tokens: authentication, the role matrix, tenant
 * isolation, the asset → risk → reclassification flow over Kafka, and the rate limit.
 */
@ExtendWith(RunningStack.class)
class GatewayE2ETest {
    static String officer;

    static String owner;
    static String viewer;
    static String mallory;

    @BeforeAll
    static void tokens() {
        officer = KeycloakTokens.password(KEYCLOAK, "officer");
        owner = KeycloakTokens.password(KEYCLOAK, "owner");
        viewer = KeycloakTokens.password(KEYCLOAK, "viewer");
        mallory = KeycloakTokens.password(KEYCLOAK, "mallory");
    }

    static RequestSpecification as(String token) {
        return given().baseUri(GATEWAY).auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static Response problem(Response r, int status, String kind) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<String>path("type")).isEqualTo("urn:isms:problem:" + kind);
        return r;
    }

    // ------------------------------------------------------------------------------------ authentication

    @Test
    void shouldRefuseRequestsWithoutAValidTokenFromThisRealm() throws Exception {
        problem(given().baseUri(GATEWAY).get("/api/assets"), 401, "unauthorized");

        String[] parts = viewer.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[sig.length / 2] ^= 0x01;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        problem(as(flipped).get("/api/assets"), 401, "unauthorized");

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        problem(as(none).get("/api/assets"), 401, "unauthorized");

        problem(as(RunningStack.masterAdminToken()).get("/api/assets"), 401, "unauthorized");

        as(viewer).get("/api/me").then().statusCode(200).body("name", equalTo("viewer")).body("tenant", equalTo("acme"));
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
        ShortLivedClient.ensure(KEYCLOAK, RunningStack.masterAdminToken());
        String token = KeycloakTokens.password(KEYCLOAK, "isms", ShortLivedClient.CLIENT_ID, "viewer",
                KeycloakTokens.DEMO_PASSWORD);
        long exp = KeycloakTokens.claims(token).get("exp").asLong();
        as(token).get("/api/assets?size=1").then().statusCode(200); // valid while it lives
        // Keycloak's token lives 2 s (its clock, not ours): once it has run out, it is refused
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> System.currentTimeMillis() > exp * 1000 && as(token).get("/api/assets?size=1").statusCode() == 401);
        problem(as(token).get("/api/assets?size=1"), 401, "unauthorized");
    }

    // ------------------------------------------------------------------------------------------ roles

    @Test
    void shouldApplyTheRoleMatrix() {
        as(viewer).get("/api/assets").then().statusCode(200);
        as(viewer).get("/api/risks").then().statusCode(200);
        problem(as(viewer).body(asset("viewer's")).post("/api/assets"), 403, "forbidden");
        problem(as(viewer).body(Map.of("title", "x")).post("/api/risks"), 403, "forbidden");

        // an owner may not approve an acceptance: the gateway lets the write through, risk-service refuses
        String assetId = registered("approval target " + UUID.randomUUID());
        String riskId = recorded(assetId, "owner");
        problem(as(owner).header("If-Match", "\"0\"").body(Map.of("justification", "j", "expiresAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString())).put("/api/risks/" + riskId + "/acceptance"),
                403, "forbidden");

        String siem = KeycloakTokens.clientCredentials(KEYCLOAK, "siem-connector", "siem-demo-secret");
        problem(as(siem).get("/api/assets"), 403, "forbidden");
        problem(as(siem).get("/api/risks"), 403, "forbidden");
        // /api/siem/** is open to it: whatever incident-service answers, the gateway let it through
        int status = as(siem).get("/api/siem/alerts").statusCode();
        assertThat(status).isNotIn(401, 403);
    }

    // -------------------------------------------------------------------------------------- tenancy

    @Test
    void shouldKeepAnotherTenantOut() {
        String assetId = registered("acme only " + UUID.randomUUID());
        String riskId = recorded(assetId, "owner");
        problem(as(mallory).get("/api/assets/" + assetId), 404, "not-found");
        problem(as(mallory).get("/api/risks/" + riskId), 404, "not-found");
        List<String> assets = as(mallory).get("/api/assets?size=200").then().statusCode(200).extract().path("items.id");
        List<String> risks = as(mallory).get("/api/risks?size=200").then().statusCode(200).extract().path("items.id");
        assertThat(assets).doesNotContain(assetId);
        assertThat(risks).doesNotContain(riskId);
    }

    // ----------------------------------------------------------------------------------------- docs

    @Test
    void shouldServeEveryServicesApiDocumentAndSwaggerUi() throws Exception {
        for (String service : List.of("asset-service", "risk-service", "control-service")) {
            given().baseUri(GATEWAY).get("/openapi/" + service).then().statusCode(200)
                    .body("servers[0].url", equalTo(GATEWAY))
                    .body("components.securitySchemes.keycloak.openIdConnectUrl",
                            equalTo(KEYCLOAK + "/realms/isms/.well-known/openid-configuration"));
        }
        given().baseUri(GATEWAY).get("/openapi/risk-service").then()
                .body("paths.'/api/risks/{id}/acceptance'.put.operationId", equalTo("acceptRisk"));
        given().baseUri(GATEWAY).get("/q/swagger-ui/").then().statusCode(200);
        // Swagger UI logs in through the public client the stack keeps in the realm
        given().baseUri(KEYCLOAK).auth().oauth2(RunningStack.masterAdminToken()).get("/admin/realms/isms/clients?clientId=isms-swagger-ui")
                .then().statusCode(200).body("[0].publicClient", equalTo(true));
    }

    // ----------------------------------------------------------------------------------------- the flow

    @Test
    void shouldFlagTheRiskWhenItsAssetIsReclassified() throws Exception {
        String name = "CRM e2e " + UUID.randomUUID().toString().substring(0, 8);
        String assetId = registered(name);
        String riskId = recorded(assetId, "owner");
        as(officer).get("/api/risks/" + riskId).then().body("reviewRequired", equalTo(false));

        as(officer).header("If-Match", "\"0\"").body(Map.of("confidentiality", 4, "integrity", 2, "availability", 2,
                "reason", "now holds customer PII")).put("/api/assets/" + assetId + "/classification")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Boolean.TRUE.equals(as(officer).get("/api/risks/" + riskId).path("reviewRequired")));
        as(officer).get("/api/risks/" + riskId).then().body("reviewRequired", equalTo(true))
                .body("reviewReasons[0].reason", equalTo("classification changed C2→C4 (" + name + ")"))
                .body("reviewReasons[0].causeType", equalTo("isms.asset.classified.v1"));
    }

    // ------------------------------------------------------------------------------------- protection

    @Test
    void shouldRateLimitAndRecover() throws Exception {
        String auditor = KeycloakTokens.password(KEYCLOAK, "auditor");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(GATEWAY + "/api/assets?size=1"))
                .header("Authorization", "Bearer " + auditor).build();
        // more at once than the burst (100) plus what the rate (50/s) refills meanwhile
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> limited = null;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get();
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("a 429 among 400 requests at once").isNotNull();
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("urn:isms:problem:too-many-requests");
        long wait = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isPositive();
        // the bucket refills: the caller is served again (real time here: the stack runs on the system clock)
        await().atMost(Duration.ofSeconds(wait + 10)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(auditor).get("/api/assets?size=1").statusCode() == 200);
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Map<String, Object> asset(String name) {
        return Map.of("name", name, "type", "INFORMATION", "owner", "owner",
                "classification", Map.of("confidentiality", 2, "integrity", 2, "availability", 2));
    }

    /** Registers an asset as the officer; its id. */
    static String registered(String name) {
        return as(officer).body(asset(name)).post("/api/assets").then().statusCode(201).extract().path("id");
    }

    /** Records a risk on the asset as soon as risk-service has it from the asset's event; its id. */
    static String recorded(String assetId, String riskOwner) {
        Map<String, Object> body = Map.of("title", "data theft " + assetId, "assetIds", List.of(assetId),
                "owner", riskOwner, "cia", List.of("C"));
        // a 400 names the asset risk-service has not taken from its event yet: try until it has
        Response[] r = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> (r[0] = as(officer).body(body).post("/api/risks")).statusCode() != 400);
        assertThat(r[0].statusCode()).as(r[0].asString()).isEqualTo(201);
        return r[0].path("id");
    }
}
