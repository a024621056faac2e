package org.isms.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.isms.testing.OidcResource;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(OidcResource.class)
class MeResourceTest {

    @Test
    void shouldTellTheCallerWhoTheyAre() {
        given().auth().oauth2(TestTokens.user("officer", "security-officer").sign()).get("/api/me").then()
                .statusCode(200).body("name", equalTo("officer")).body("tenant", equalTo("acme"))
                .body("roles", contains("security-officer"));
    }

    @Test
    void shouldRefuseMissingOrForeignTokens() {
        given().get("/api/me").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:isms:problem:unauthorized"));
        given().auth().oauth2(TestTokens.user("officer", "viewer").issuer("https://elsewhere.example").sign())
                .get("/api/me").then().statusCode(401).contentType("application/problem+json");
    }

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void shouldBeHealthyWithMetricsOnTheManagementPort() {
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        given().get(metrics).then().statusCode(200);
    }
}
