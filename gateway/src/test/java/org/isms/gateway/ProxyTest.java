package org.isms.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.isms.testing.OidcResource;
import org.isms.testing.TestTokens;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's routing, token and role checks, limits and failure answers, against a stand-in service. */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(UpstreamResource.class)
class ProxyTest {
    /** A W3C traceparent: version, trace id, span id, flags (the gateway records nothing unless told: 00). */
    static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";

    @Inject
    TestClock clock;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    /** A caller of its own, so that each test has its own rate bucket. */
    static RequestSpecification as(String... roles) {
        return given().auth().oauth2(TestTokens.user("u-" + UUID.randomUUID(), roles).sign());
    }

    static void problem(Response r, int status, String kind) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.path("type")).isEqualTo("urn:isms:problem:" + kind);
    }

    @Test
    void shouldRouteWithTheTokenRequestIdAndTheCallersTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        Response r = as("viewer").header("X-Request-Id", "req-42").header("traceparent", "00-" + traceId + "-"
                + callerSpan + "-01").header("tracestate", "isms=t61rcWkgMzE").cookie("session", "x")
                .get("/api/assets/123?size=5");
        r.then().statusCode(200).header("ETag", "\"7\"").header("X-Request-Id", "req-42")
                .header("X-Content-Type-Options", "nosniff")
                .body("method", equalTo("GET")).body("uri", equalTo("/api/assets/123?size=5"))
                .body("authorization", equalTo(true)).body("requestId", equalTo("req-42"))
                .body("traceparents", equalTo(1)).body("tracestate", equalTo("isms=t61rcWkgMzE"))
                .body("cookie", equalTo(false));
        assertThat(r.header("Server")).isNull();
        // the caller's trace goes on in the gateway's own spans (OpenTelemetry's): the service gets the span of the
        // proxied call, once; the answer names the gateway's server span
        String upstream = r.path("traceparent");
        assertThat(upstream).matches(TRACEPARENT).startsWith("00-" + traceId + "-").doesNotContain(callerSpan);
        assertThat(r.header("traceparent")).matches(TRACEPARENT).startsWith("00-" + traceId + "-")
                .doesNotContain(callerSpan).isNotEqualTo(upstream);
        // without one, the gateway starts the trace: the same on both sides
        Response g = as("viewer").get("/api/assets");
        assertThat(g.header("X-Request-Id")).isEqualTo(g.<String>path("requestId")).isNotBlank();
        assertThat(g.<String>path("traceparent")).matches(TRACEPARENT);
        assertThat(g.header("traceparent")).matches(TRACEPARENT)
                .startsWith(g.<String>path("traceparent").substring(0, 36));
        // the service's own answers come through as they are
        as("viewer").get("/api/assets/missing").then().statusCode(404);
    }

    @Test
    void shouldAnswer401ProblemsForBadTokens() {
        problem(given().get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2("not.a.token").get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("x", "viewer").expired(Duration.ofMinutes(5)).sign())
                .get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("x", "viewer").issuer("https://elsewhere.example").sign())
                .get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("x", "viewer").audience("other-api").sign())
                .get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("x", "isms-admin").unsigned()).get("/api/assets"), 401,
                "unauthorized");
        String token = TestTokens.user("x", "viewer").sign();
        String[] parts = token.split("\\.");
        char[] sig = parts[2].toCharArray();
        sig[5] = sig[5] == 'A' ? 'B' : 'A';
        problem(given().auth().oauth2(parts[0] + "." + parts[1] + "." + new String(sig)).get("/api/assets"), 401,
                "unauthorized");
    }

    @Test
    void shouldCheckRolesPerRouteAndMethod() {
        problem(as("viewer").contentType("application/json").body("{}").post("/api/assets"), 403, "forbidden");
        as("risk-owner").contentType("application/json").body("{\"a\":1}").post("/api/assets").then().statusCode(200)
                .body("method", equalTo("POST")).body("bodySize", equalTo(7));
        problem(as("viewer").get("/api/siem/alerts"), 403, "forbidden");
        problem(as("siem-ingest").get("/api/assets"), 403, "forbidden");
        problem(as("viewer").get("/api/nothing-here"), 404, "not-found");
    }

    @Test
    void shouldRefuseBodiesOverTheLimit() {
        byte[] big = new byte[2048];
        problem(as("risk-owner").contentType("application/octet-stream").body(big).post("/api/assets"), 413,
                "payload-too-large");
        as("risk-owner").contentType("application/octet-stream").body(new byte[1000]).post("/api/assets").then()
                .statusCode(200).body("bodySize", equalTo(1000));
    }

    @Test
    void shouldCutOffAChunkedBodyAtTheLimit() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.user("u-" + UUID.randomUUID(), "risk-owner").sign();
        Function<Integer, HttpResponse<String>> post = size -> {
            try {
                // an InputStream of unknown length: sent chunked, no Content-Length to refuse up front
                return client.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI
                        + ":" + RestAssured.port + "/api/assets"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(new byte[size]))).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> small = post.apply(1000);
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
        assertThat(small.body()).contains("\"bodySize\":1000");
        HttpResponse<String> big = post.apply(5000);
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        assertThat(big.body()).contains("urn:isms:problem:payload-too-large");
    }

    @Test
    void shouldRateLimitPerCallerAndRecover() throws Exception {
        String token = TestTokens.user("u-" + UUID.randomUUID(), "viewer").sign();
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 30 && limited == 0; i++) {
            last = given().auth().oauth2(token).get("/api/assets");
            limited += last.statusCode() == 429 ? 1 : 0;
        }
        assertThat(limited).isEqualTo(1);
        problem(last, 429, "too-many-requests");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        // another caller is not affected
        as("viewer").get("/api/assets").then().statusCode(200);
        // once the time it named has passed, the caller is served again
        clock.advance(Duration.ofSeconds(Integer.parseInt(last.header("Retry-After"))));
        given().auth().oauth2(token).get("/api/assets").then().statusCode(200);
    }

    @Test
    void shouldAnswer504ForASlowServiceAnd503ForADownOneAndOpenTheCircuit() throws Exception {
        // the service answers after 3 s, the gateway waits 1 s: a 504, not the service's 200
        problem(as("viewer").get("/api/assets/slow"), 504, "gateway-timeout");
        for (int i = 0; i < 3; i++) {
            problem(as("viewer").get("/api/risks"), 503, "service-unavailable");
        }
        Response open = as("viewer").get("/api/risks");
        problem(open, 503, "service-unavailable");
        assertThat(open.<String>path("detail")).contains("given a rest");
        assertThat(open.header("Retry-After")).isNotNull();
    }

    @Test
    void shouldReportEachServiceInReadinessAndStayReady() {
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'services' }.data.asset-service", equalTo("UP"))
                .body("checks.find { it.name == 'services' }.data.risk-service", equalTo("DOWN (unreachable)"));
    }

    @Test
    void shouldServeEachServicesApiDocumentWithTheGatewayAndKeycloakInIt() {
        given().get("/openapi/asset-service").then().statusCode(200)
                .body("uri", equalTo("/q/openapi?format=json")) // what the stand-in received
                .body("servers[0].url", startsWith("http://localhost:"))
                .body("components.securitySchemes.keycloak.type", equalTo("openIdConnect"))
                .body("security[0].keycloak.size()", equalTo(0));
        problem(given().get("/openapi/risk-service"), 503, "service-unavailable");
        problem(given().get("/openapi/nobody"), 404, "not-found");
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'self'"));
    }

    @Test
    void shouldAnswerCorsPreflightsFromConfiguredOriginsOnly() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,if-match").options("/api/assets/1").then()
                .statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
        Response foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/assets/1");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNotEqualTo("https://evil.example");
    }

    @Test
    void shouldCountRequestsPerRouteInTheMetrics() {
        as("viewer").get("/api/assets/metered").then().statusCode(200);
        String text = given().get(metrics).asString();
        assertThat(text).containsPattern("gateway_requests_seconds_count\\{[^}]*route=\"/api/assets\"[^}]*\\}")
                .containsPattern("gateway_requests_seconds_count\\{[^}]*status=\"200\"[^}]*\\}");
    }

    @Test
    void shouldServeMeAndSecurityHeadersOnItsOwnEndpoints() {
        as("viewer").get("/api/me").then().statusCode(200).body("roles[0]", equalTo("viewer"))
                .header("X-Content-Type-Options", "nosniff").header("X-Request-Id", startsWith(""));
    }
}
