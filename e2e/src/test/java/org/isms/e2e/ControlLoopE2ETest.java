package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.isms.e2e.GatewayE2ETest.as;
import static org.isms.e2e.GatewayE2ETest.problem;
import static org.isms.e2e.GatewayE2ETest.recorded;
import static org.isms.e2e.GatewayE2ETest.registered;
import static org.isms.e2e.RunningStack.KEYCLOAK;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Plan-Do-Check loop across three services through the gateway, with real Keycloak users: a risk treated with
 * Annex A controls makes them applicable in the SoA (control-service, from risk events), an excluded control is
 * refused while the risk calls for it, an auditor's effectiveness assessment of the implemented control proposes a
 * lower residual and, when the control turns ineffective, flags the risk for review (risk-service, from control
 * events).
 */
@ExtendWith(RunningStack.class)
class ControlLoopE2ETest {
    static String officer;
    static String auditor;

    @BeforeAll
    static void tokens() {
        GatewayE2ETest.tokens(); // its helpers register assets and record risks as its officer
        officer = KeycloakTokens.password(KEYCLOAK, "officer");
        auditor = KeycloakTokens.password(KEYCLOAK, "auditor");
    }

    @Test
    void shouldCarryARiskIntoTheSoaAndAnIneffectiveControlBackToTheRisk() {
        String name = "IdP e2e " + UUID.randomUUID().toString().substring(0, 8);
        String risk = recorded(registered(name), "owner");
        as(officer).header("If-Match", etag(risk)).body(Map.of("inherent", Map.of("likelihood", 4, "impact", 4)))
                .put("/api/risks/" + risk + "/assessment").then().statusCode(200);
        as(officer).header("If-Match", etag(risk)).body(Map.of("option", "MODIFY", "plan", List.of(Map.of(
                "action", "enforce MFA for every account", "owner", "owner", "dueDate",
                LocalDate.now().plusDays(60).toString(), "status", "IN_PROGRESS", "controlIds", List.of("8.5", "5.17")))))
                .put("/api/risks/" + risk + "/treatment").then().statusCode(200);

        // Plan: the SoA lists the risk as the reason for both controls
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(officer).get("/api/controls/8.5").then().statusCode(200).body("applicable", equalTo(true))
                        .body("calledFor.id", hasItem(risk)));
        as(officer).get("/api/soa").then().statusCode(200)
                .body("entries.find { it.controlId == '5.17' }.risks.id", hasItem(risk));
        Response excluded = as(officer).header("If-Match", as(officer).get("/api/controls/8.5").header("ETag"))
                .body(Map.of("applicable", false, "justification", "passwords suffice", "status", "NOT_STARTED"))
                .put("/api/controls/8.5/implementation");
        problem(excluded, 409, "conflict");
        assertThat(excluded.<String>path("detail")).contains(risk);

        // Do: the control is implemented (as it stands otherwise: the tenant's data outlives a run)
        Response control = as(officer).get("/api/controls/8.5");
        Map<String, Object> implemented = new java.util.HashMap<>();
        implemented.put("applicable", control.path("decided"));
        implemented.put("justification", control.path("justification"));
        implemented.put("owner", control.path("owner"));
        implemented.put("dueDate", control.path("dueDate"));
        implemented.put("status", "IMPLEMENTED");
        as(officer).header("If-Match", control.header("ETag")).body(implemented).put("/api/controls/8.5/implementation")
                .then().statusCode(200);

        // Check: effective proposes a lower residual; ineffective flags the risk
        as(auditor).body(Map.of("result", "EFFECTIVE", "method", "e2e: sampled 20 logins")).post(
                "/api/controls/8.5/effectiveness").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(officer).get("/api/risks/" + risk).then().body("proposedResidual.rating.likelihood", equalTo(3)));
        as(auditor).body(Map.of("result", "INEFFECTIVE", "method", "e2e: 3 of 20 logins without MFA")).post(
                "/api/controls/8.5/effectiveness").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(officer).get("/api/risks/" + risk).then().body("reviewRequired", equalTo(true)));
        as(officer).get("/api/risks/" + risk).then()
                .body("reviewReasons.find { it.kind == 'CONTROL_INEFFECTIVE' }.reason",
                        containsString("3 of 20 logins without MFA"))
                .body("proposedResidual.rating.likelihood", equalTo(4));
        // an auditor records effectiveness; an officer does not
        problem(as(officer).body(Map.of("result", "EFFECTIVE", "method", "x")).post("/api/controls/8.5/effectiveness"),
                403, "forbidden");
    }

    private static String etag(String risk) {
        return as(officer).get("/api/risks/" + risk).header("ETag");
    }
}
