package org.isms.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service promises, whatever its domain: readiness that checks PostgreSQL and Kafka,
 * metrics, OpenAPI, the platform's tables from Flyway, and no answer without a valid token. A service
 * test class extends it and adds {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

    @Test
    void shouldBeReadyWithDatabaseAndKafkaChecked() {
        // earlier test classes of the JVM may have stopped and started PostgreSQL or Kafka: ready again soon
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        JsonPath health = given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();
        List<String> checks = health.getList("checks.name");
        assertThat(checks).anyMatch(n -> n.contains("PostgreSQL") || n.contains("Database"));
        assertThat(checks).anyMatch(n -> n.contains("Kafka"));
    }

    @Test
    void shouldServeMetricsAndOpenApi() {
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/ops/outbox'.get.operationId", equalTo("getOutboxStatus"));
    }

    @Test
    void shouldRefuseARequestWithoutAValidToken() {
        given().get("/ops/outbox").then().statusCode(401).contentType("application/problem+json");
        String otherIssuer = TestTokens.user("officer", "security-officer").issuer("https://elsewhere.example").sign();
        given().auth().oauth2(otherIssuer).get("/ops/outbox").then().statusCode(401);
    }

    @Test
    void shouldAcceptAnOfficerAndRefuseAViewer() {
        given().auth().oauth2(TestTokens.user("officer", "security-officer").sign()).get("/ops/outbox").then()
                .statusCode(200).body("pending", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        given().auth().oauth2(TestTokens.user("viewer", "viewer").sign()).get("/ops/outbox").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldHaveThePlatformTablesFromFlyway() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = SharedServers.postgres().connect(PostgresResource.DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("outbox", "processed_event", "flyway_schema_history");
    }
}
