package org.isms.control;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.TestTokens;

/**
 * Calls the control API as users of one tenant. Each test instance takes its own tenant, so tests that share the
 * database never see each other's decisions.
 */
final class ControlApi {
    final String tenant;

    ControlApi(String prefix) {
        this.tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(TestTokens.user(user, roles).tenant(tenant).sign()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    RequestSpecification officer() {
        return as("olivia", "security-officer");
    }

    /** alice, a risk owner. */
    RequestSpecification owner() {
        return as("alice", "risk-owner");
    }

    RequestSpecification auditor() {
        return as("aaron", "auditor");
    }

    RequestSpecification viewer() {
        return as("victor", "viewer");
    }

    /** A PUT body of the implementation. */
    static Map<String, Object> implementation(Boolean applicable, String justification, String status, String owner) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicable", applicable);
        body.put("justification", justification);
        body.put("status", status);
        body.put("owner", owner);
        return body;
    }

    /** The control's current ETag, as a client reads it before a change. */
    String etag(String controlId) {
        return viewer().get("/api/controls/" + controlId).then().statusCode(200).extract().header("ETag");
    }

    /** PUT the implementation as the officer, with the current ETag. */
    Response decide(String controlId, Map<String, Object> body) {
        return officer().header("If-Match", etag(controlId)).body(body).put("/api/controls/" + controlId
                + "/implementation");
    }
}
