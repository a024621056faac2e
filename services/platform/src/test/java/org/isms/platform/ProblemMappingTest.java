package org.isms.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import org.isms.testing.RawHttp;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets its problem+json answer, and none reveals internals. */
@QuarkusTest
class ProblemMappingTest {
    static final String PROBLEM = "application/problem+json";
    static final String NOTE = "{\"text\":\"patch the VPN\",\"priority\":\"HIGH\",\"rating\":3}";

    static String officer() {
        return TestTokens.user("officer", "security-officer").sign();
    }

    static Response create(String body) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body).post("/api/notes");
    }

    @Test
    void shouldListEachInvalidFieldWithItsMessage() {
        create("{\"text\":\"\",\"priority\":\"HIGH\",\"rating\":9}").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("text"))
                .body("errors.field", hasItem("rating"))
                .body("detail", containsString("rating"));
    }

    @Test
    void shouldRejectMissingRequiredField() {
        create("{\"text\":\"x\",\"rating\":2}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("priority"));
    }

    @Test
    void shouldNameTheAllowedValuesOfAnUnknownEnum() {
        create("{\"text\":\"x\",\"priority\":\"URGENT\",\"rating\":2}").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].message", containsString("LOW"));
    }

    @Test
    void shouldRejectAFieldOfTheWrongTypeOrUnknown() {
        create("{\"text\":\"x\",\"priority\":\"LOW\",\"rating\":\"high\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("rating"));
        create("{\"text\":\"x\",\"priority\":\"LOW\",\"rating\":1,\"colour\":\"red\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("colour"));
    }

    @Test
    void shouldRejectMalformedJson() {
        create("{\"text\": \"x\", ").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:malformed-request"))
                .body("detail", containsString("JSON"));
    }

    @Test
    void shouldAnswerNotFoundForUnknownIdAndPath() {
        given().auth().oauth2(officer()).get("/api/notes/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType(PROBLEM).body("type", equalTo("urn:isms:problem:not-found"));
        given().auth().oauth2(officer()).get("/api/notes/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(officer()).get("/api/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldHideAnotherTenantsNoteAsNotFound() {
        String id = create(NOTE).then().statusCode(201).extract().path("id");
        String globex = TestTokens.user("mallory", "isms-admin").tenant("globex").sign();
        given().auth().oauth2(globex).get("/api/notes/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(globex).get("/api/notes?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void shouldRequireAndCheckIfMatch() {
        Response created = create(NOTE);
        String id = created.path("id");
        String etag = created.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(NOTE).put("/api/notes/" + id).then()
                .statusCode(428).contentType(PROBLEM).body("type", equalTo("urn:isms:problem:precondition-required"));
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(NOTE)
                .put("/api/notes/" + id).then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:precondition-failed"));
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", "garbage").body(NOTE)
                .put("/api/notes/" + id).then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(NOTE.replace("patch", "replace")).put("/api/notes/" + id).then().statusCode(200)
                .body("text", equalTo("replace the VPN")).body("version", equalTo(1));
    }

    @Test
    void shouldRefuseAnInvalidStateTransition() {
        String id = create(NOTE).path("id");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("{\"to\":\"ARCHIVED\"}")
                .post("/api/notes/" + id + "/transitions").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:invalid-state-transition"))
                .body("detail", containsString("PUBLISHED"));
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("{\"to\":\"PUBLISHED\"}")
                .post("/api/notes/" + id + "/transitions").then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void shouldAnswer401ProblemForMissingOrBadTokens() {
        given().get("/api/notes").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
        String expired = TestTokens.user("officer", "security-officer").expired(Duration.ofMinutes(10)).sign();
        given().auth().oauth2(expired).get("/api/notes").then().statusCode(401).contentType(PROBLEM);
        String unsigned = TestTokens.user("officer", "security-officer").unsigned();
        given().auth().oauth2(unsigned).get("/api/notes").then().statusCode(401);
        String good = officer();
        char last = good.charAt(good.length() - 5);
        String tampered = good.substring(0, good.length() - 5) + (last == 'A' ? 'B' : 'A') + good.substring(good.length() - 4);
        given().auth().oauth2(tampered).get("/api/notes").then().statusCode(401).contentType(PROBLEM);
        String otherIssuer = TestTokens.user("officer", "security-officer").issuer("https://evil.example/realms/isms").sign();
        given().auth().oauth2(otherIssuer).get("/api/notes").then().statusCode(401);
        String otherAudience = TestTokens.user("officer", "security-officer").audience("another-api").sign();
        given().auth().oauth2(otherAudience).get("/api/notes").then().statusCode(401);
    }

    @Test
    void shouldAnswer403ForMissingRoleOrTenant() {
        String viewer = TestTokens.user("viewer", "viewer").sign();
        create(NOTE); // something to read
        given().auth().oauth2(viewer).get("/api/notes").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(NOTE).post("/api/notes").then()
                .statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:isms:problem:forbidden"));
        String noTenant = TestTokens.user("officer", "security-officer").tenant(null).sign();
        given().auth().oauth2(noTenant).get("/api/notes").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:no-tenant"));
        String badTenant = TestTokens.user("officer", "security-officer").tenant("ACME; drop").sign();
        given().auth().oauth2(badTenant).get("/api/notes").then().statusCode(403);
        // every change is recorded with the user's stable id: a token without one acts for nobody
        String noSubject = TestTokens.user("officer", "security-officer").claim("sub", null).sign();
        given().auth().oauth2(noSubject).get("/api/notes").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:isms:problem:no-subject"));
    }

    @Test
    void shouldKnowEachCallerByStableIdAndName() {
        String name = "dir-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.user(name, "viewer").sign()).get("/api/notes").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(org.isms.testing.TestDb.query(
                "select user_id from directory_user where tenant_id = 'acme' and user_name = ?", name))
                .isEqualTo(TestTokens.subjectOf(name));
        // renamed in the identity provider: the same id, the new name
        given().auth().oauth2(TestTokens.user(name + "-renamed", "viewer").claim("sub", TestTokens.subjectOf(name)).sign())
                .get("/api/notes").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(org.isms.testing.TestDb.query(
                "select user_name from directory_user where tenant_id = 'acme' and user_id = ?", TestTokens.subjectOf(name)))
                .isEqualTo(name + "-renamed");
    }

    @Test
    void shouldRefuseANulCharacterInJsonQueryOrPathNamingIt() throws Exception {
        create("{\"text\":\"nul \\u0000 here\",\"priority\":\"LOW\",\"rating\":1}").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("NUL"));
        given().auth().oauth2(officer()).urlEncodingEnabled(false).get("/api/notes?status=%00").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(officer()).urlEncodingEnabled(false).get("/api/notes/%00").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("path"));
    }

    @Test
    void shouldAnswerProblemJsonForWhatTheHttpLayerRefuses() throws Exception {
        RawHttp.Answer uri = RawHttp.get("/api/notes?q=" + "x".repeat(9000), RawHttp.bearer(officer()));
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.text()).containsIgnoringCase("content-type: application/problem+json")
                .contains("urn:isms:problem:uri-too-long");
        RawHttp.Answer headers = RawHttp.get("/api/notes", "X-Padding: " + "y".repeat(25_000) + "\r\n");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.text()).contains("urn:isms:problem:request-header-fields-too-large");
        try (RawHttp http = new RawHttp()) {
            http.write("POST /api/notes HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.bearer(officer())
                    + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
            RawHttp.Answer big = http.read();
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.text()).contains("urn:isms:problem:payload-too-large");
        }
        // a chunked body that grows past the limit: no length to refuse up front, cut off as it arrives
        try (RawHttp http = new RawHttp()) {
            http.write("POST /api/notes HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.bearer(officer())
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(16 * 1024);
            for (int i = 0; i < 6; i++) {
                http.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            http.write("0\r\n\r\n");
            RawHttp.Answer big = http.read();
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.text()).containsIgnoringCase("application/problem+json");
        }
        RawHttp.Answer nowhere = RawHttp.get("/nothing/here");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.text()).containsIgnoringCase("application/problem+json").contains("urn:isms:problem:not-found");
    }

    @Test
    void shouldAnswer500WithoutRevealingInternals() {
        String body = given().auth().oauth2(officer()).get("/api/notes/boom").then().statusCode(500)
                .contentType(PROBLEM).body("errorId", notNullValue()).extract().asString();
        assertThat(body).doesNotContain("SELECT", "org.isms", "Exception", "credentials", "at ");
    }

    @Test
    void shouldPageSortAndCountInTheCallersTenant() {
        String tenant = "paging-" + System.nanoTime();
        String token = TestTokens.user("officer", "security-officer").tenant(tenant).sign();
        for (int i = 1; i <= 5; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"text\":\"n" + i + "\",\"priority\":\"LOW\",\"rating\":" + (i % 4 + 1) + "}")
                    .post("/api/notes").then().statusCode(201);
        }
        given().auth().oauth2(token).get("/api/notes?page=1&size=2&sort=text,desc").then().statusCode(200)
                .body("total", equalTo(5)).body("totalPages", equalTo(3)).body("page", equalTo(1))
                .body("items.text", org.hamcrest.Matchers.contains("n3", "n2"));
        given().auth().oauth2(token).get("/api/notes?size=201").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(token).get("/api/notes?sort=tenantId").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(token).get("/api/notes?page=-1").then().statusCode(400);
        given().auth().oauth2(token).get("/api/notes?status=NOPE").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status")).body("errors[0].message", containsString("DRAFT"));
    }
}
