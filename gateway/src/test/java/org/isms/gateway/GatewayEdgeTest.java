package org.isms.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.UUID;
import org.isms.testing.OidcResource;
import org.isms.testing.RawHttp;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway decides on the path it forwards, and every answer it gives below JAX-RS and the proxy is
 * problem+json; its metrics are not on the public port.
 */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(UpstreamResource.class)
class GatewayEdgeTest {
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    static String token(String... roles) {
        return TestTokens.user("u-" + UUID.randomUUID(), roles).sign();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/siem/%2e%2e/assets", "/api/siem/%2E%2E/assets", "/api/siem/..%2fassets",
            "/api/siem/%2e./assets", "/api/siem/../assets", "/api/siem/./alerts", "/api/assets%2f..%2frisks",
            "/api/assets%5c..%5crisks", "/api/assets;jsessionid=1", "/api/assets/1;x=y",
            "/api//assets", "/api/assets/%41", "/api/assets/x/.." })
    void shouldRefuseAPathThatIsNotItsOwnNormalizedForm(String path) throws Exception {
        // a SIEM connector may read /api/siem, never /api/assets: a path that could be read as either is refused
        RawHttp.Answer a = RawHttp.get(path, RawHttp.bearer(token("siem-ingest")));
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.text()).containsIgnoringCase("content-type: application/problem+json")
                .contains("urn:isms:problem:malformed-request").contains("normalized form");
        // the security headers and the request id come with it
        assertThat(a.text()).containsIgnoringCase("x-request-id:").containsIgnoringCase("x-content-type-options: nosniff");
    }

    @Test
    void shouldRefuseALiteralBackslashBeforeAnythingReadsThePath() throws Exception {
        // the HTTP decoder itself refuses a request line with a backslash (no application code runs, so its
        // 400 has no body); what matters is that it never reaches a rule or a service
        RawHttp.Answer a = RawHttp.get("/api/siem\\..\\assets", RawHttp.bearer(token("siem-ingest")));
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.text()).doesNotContain("\"uri\"");
    }

    @Test
    void shouldForwardTheCheckedPathAndTheQueryAsTheyCame() throws Exception {
        RawHttp.Answer a = RawHttp.get("/api/assets/1?q=%2e%2e%2F&size=5", RawHttp.bearer(token("viewer")));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(JsonPath.from(a.body()).getString("uri")).isEqualTo("/api/assets/1?q=%2e%2e%2F&size=5");
        // an absolute request-target names the same path: what goes upstream is the path, never the raw target
        RawHttp.Answer absolute = RawHttp.get("http://elsewhere.example/api/assets/2", RawHttp.bearer(token("viewer")));
        assertThat(absolute.status()).as(absolute.text()).isEqualTo(200);
        assertThat(JsonPath.from(absolute.body()).getString("uri")).isEqualTo("/api/assets/2");
    }

    @Test
    void shouldAnswerProblemJsonForWhatTheHttpLayerRefuses() throws Exception {
        // a URI too long (414), headers too large (431), a declared body too large (413), no route (404)
        RawHttp.Answer uri = RawHttp.get("/api/assets?q=" + "x".repeat(9000), RawHttp.bearer(token("viewer")));
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.text()).containsIgnoringCase("application/problem+json").contains("urn:isms:problem:uri-too-long");
        RawHttp.Answer headers = RawHttp.get("/api/assets", "X-Padding: " + "y".repeat(25_000) + "\r\n");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.text()).contains("urn:isms:problem:request-header-fields-too-large");
        try (RawHttp http = new RawHttp()) {
            http.write("POST /api/assets HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: "
                    + 50_000_000 + "\r\n\r\n");
            RawHttp.Answer big = http.read();
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.text()).contains("urn:isms:problem:payload-too-large");
        }
        RawHttp.Answer nowhere = RawHttp.get("/no/such/thing");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.text()).containsIgnoringCase("application/problem+json").contains("urn:isms:problem:not-found");
        // a NUL byte in a query parameter is named
        RawHttp.Answer nul = RawHttp.get("/api/assets/match?externalId=%00", RawHttp.bearer(token("viewer")));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(JsonPath.from(nul.body()).getString("errors[0].field")).isEqualTo("externalId");
    }

    @Test
    void shouldKeepMetricsAndHealthOffThePublicPort() throws Exception {
        assertThat(given().get("/q/metrics").statusCode()).isEqualTo(404);
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(404);
        given().get(metrics).then().statusCode(200);
        // the API documents stay public
        given().get("/q/openapi").then().statusCode(200);
    }
}
