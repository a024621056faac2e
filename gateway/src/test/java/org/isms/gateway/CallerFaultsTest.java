package org.isms.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.isms.testing.OidcResource;
import org.isms.testing.RawHttp;
import org.isms.testing.TestClock;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller cannot take a service out of the gateway: a stalled body is the caller's 408 and never counts
 * against the service's circuit, and a half-open trial is given back however it ends (success, the
 * service's failure, the caller leaving, the body limit). The stand-in asset-service answers /slow after 3 s,
 * the gateway waits 1 s: a failure of the service's own; three open its circuit for 2 s of the clock.
 */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(UpstreamResource.class)
class CallerFaultsTest {
    @Inject
    TestClock clock;

    @BeforeEach
    void closedCircuit() {
        // a success closes what an earlier test may have left half-counted
        clock.advance(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/assets").statusCode() == 200);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    static String token(String... roles) {
        return TestTokens.user("u-" + UUID.randomUUID(), roles).sign();
    }

    static Response get(String path) {
        return given().auth().oauth2(token("viewer")).get(path);
    }

    @Test
    void shouldAnswerAStalledBodyWith408AndNeverCountItAgainstTheService() throws Exception {
        for (int i = 0; i < 6; i++) {
            try (RawHttp http = new RawHttp()) {
                http.write("POST /api/assets HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.bearer(token("risk-owner"))
                        + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"name\":\"half");
                RawHttp.Answer a = http.read(); // the writer stops here
                assertThat(a.status()).as(a.text()).isEqualTo(408);
                assertThat(a.text()).contains("urn:isms:problem:request-timeout");
            }
        }
        // six stalled writers later, every user is still served
        get("/api/assets").then().statusCode(200);
    }

    @Test
    void shouldCountAServiceThatCannotEvenBeConnectedToAgainstIt() {
        // control-service is black-holed: each connect times out (300 ms), which is the service's failure, not
        // the caller's (the request is still paused when it happens); three of them open its circuit
        for (int i = 0; i < 3; i++) {
            Response r = get("/api/controls");
            assertThat(r.statusCode()).as(r.asString()).isIn(503, 504);
            assertThat(r.<String>path("detail")).doesNotContain("given a rest");
        }
        Response rest = get("/api/controls");
        assertThat(rest.statusCode()).isEqualTo(503);
        assertThat(rest.<String>path("detail")).contains("given a rest");
    }

    @Test
    void shouldGiveBackATrialThatEndsByTheBodyLimit() throws Exception {
        open();
        clock.advance(Duration.ofSeconds(2));
        // the trial: a chunked body over the limit, cut off by the gateway
        HttpResponse<String> big = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/assets"))
                        .header("Authorization", "Bearer " + token("risk-owner"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000])))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        // the next request may try, and its success closes the circuit
        get("/api/assets").then().statusCode(200);
        get("/api/assets").then().statusCode(200);
    }

    @Test
    void shouldGiveBackATrialWhoseCallerGoesAway() throws Exception {
        open();
        clock.advance(Duration.ofSeconds(2));
        try (RawHttp http = new RawHttp()) {
            http.write("POST /api/assets HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.bearer(token("risk-owner"))
                    + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"name\":\"gone");
        } // the caller hangs up mid-body
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/assets").statusCode() == 200);
    }

    @Test
    void shouldOpenAgainWhenTheTrialFailsAndCloseWhenOneSucceeds() {
        open();
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/api/assets/slow").statusCode()).isEqualTo(504); // the trial, the service's failure
        Response rest = get("/api/assets");
        assertThat(rest.statusCode()).isEqualTo(503);
        assertThat(rest.<String>path("detail")).contains("given a rest");
        clock.advance(Duration.ofSeconds(2));
        get("/api/assets").then().statusCode(200);
        get("/api/assets").then().statusCode(200);
    }

    /** Three failures of the service's own: its circuit is open. */
    private static void open() {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/assets/slow").statusCode()).isEqualTo(504);
        }
        Response rest = get("/api/assets");
        assertThat(rest.statusCode()).isEqualTo(503);
        assertThat(rest.<String>path("detail")).contains("given a rest");
    }
}
