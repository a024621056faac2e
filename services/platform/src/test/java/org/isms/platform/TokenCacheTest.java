package org.isms.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.isms.http.security.CachedTokenIdentities;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A bearer token is verified once and its identity reused until it expires; nothing else is reused. */
@QuarkusTest
class TokenCacheTest {
    static final String NOTE = "{\"text\":\"rotate the keys\",\"priority\":\"LOW\",\"rating\":1}";

    @Inject
    CachedTokenIdentities cache;

    @Test
    void shouldVerifyATokenOnceAndAnswerItsNextRequestsFromTheCache() {
        String token = TestTokens.user("cached-officer", "security-officer").sign();
        long hits = cache.tokens().hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then()
                    .statusCode(201);
        }
        assertThat(cache.tokens().hits() - hits).as("answered from the cache").isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldRefuseACachedTokenOnceItHasExpired() {
        String token = TestTokens.user("short-lived", "security-officer")
                .claim("exp", Instant.now().plusSeconds(3).getEpochSecond()).sign();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> given().auth()
                .oauth2(token).contentType(ContentType.JSON).body(NOTE).post("/api/notes").statusCode() == 401);
    }

    @Test
    void shouldNotAcceptAForgedSignatureOfACachedToken() {
        String token = TestTokens.user("forged", "security-officer").sign();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then().statusCode(201);
        String forged = token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then().statusCode(401);
    }

    @Test
    void shouldKeepEachTokensOwnRolesAndUser() {
        String officer = TestTokens.user("officer-one", "security-officer").sign();
        String other = TestTokens.user("officer-two", "security-officer").sign();
        String viewer = TestTokens.user("viewer-one", "viewer").sign();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(officer).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then()
                    .statusCode(201).body("createdBy", org.hamcrest.Matchers.equalTo("officer-one"));
            given().auth().oauth2(other).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then()
                    .statusCode(201).body("createdBy", org.hamcrest.Matchers.equalTo("officer-two"));
            given().auth().oauth2(viewer).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then()
                    .statusCode(403);
        }
    }
}
