package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.isms.e2e.GatewayE2ETest.as;
import static org.isms.e2e.GatewayE2ETest.problem;
import static org.isms.e2e.RunningStack.KEYCLOAK;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.isms.stack.ChildProcess;
import org.isms.stack.PostgresServer;
import org.isms.stack.QuarkusService;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service behind the gateway stops: its routes answer 503 problem+json at once (no hang), and when it
 * is back the gateway routes to it again. control-service is the one stopped (what it holds is in its
 * database, and its consumer goes on from its committed offsets); it is started again as the stack starts it.
 */
@ExtendWith(RunningStack.class)
class ServiceOutageE2ETest {

    @Test
    void shouldAnswer503WhileAServiceIsDownAndRecover() throws Exception {
        String officer = KeycloakTokens.password(KEYCLOAK, "officer");
        int before = as(officer).get("/api/controls").statusCode();
        assertThat(before).as("control-service answers through the gateway").isNotIn(502, 503, 504);

        QuarkusService control = QuarkusService.named("control-service");
        Path isms = RunningStack.root().resolve(".isms");
        ChildProcess.stopFromPidFile(isms.resolve("pids").resolve("control-service.pid"), Duration.ofSeconds(20));

        for (int i = 0; i < 3; i++) {
            Response r = as(officer).get("/api/controls");
            problem(r, 503, "service-unavailable");
        }
        // other routes are not affected
        as(officer).get("/api/assets?size=1").then().statusCode(200);

        PostgresServer pg = PostgresServer.external("127.0.0.1", 5532, "postgres", "postgres");
        control.start(RunningStack.root(), isms, pg, "localhost:9092", KEYCLOAK + "/realms/isms", Duration.ofMinutes(3));

        // the circuit may still be open for a few seconds after the failures: it lets a request try then
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(officer).get("/api/controls").statusCode() != 503);
        assertThat(as(officer).get("/api/controls").statusCode()).isEqualTo(before);
    }
}
