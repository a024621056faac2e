package org.isms.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.isms.stack.KeycloakServer;

/**
 * A real Keycloak (its distribution from Maven Central) with realm {@code isms} and the demo users,
 * on the shared test PostgreSQL; one per test JVM. The application then verifies tokens against it
 * through OIDC discovery, as in production. First start takes about 90 s.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
    static final String URL = "isms.test.keycloak.url";

    @Override
    public Map<String, String> start() {
        String url = start(Duration.ofMinutes(5));
        return Map.of("quarkus.oidc.auth-server-url", url + "/realms/isms", "keycloak.url", url);
    }

    /** Starts the shared Keycloak unless it runs; its base URL. */
    public static synchronized String start(Duration timeout) {
        String url = System.getProperty(URL);
        if (url != null) {
            return url;
        }
        KeycloakServer keycloak = new KeycloakServer(SharedServers.workDir().resolve("keycloak"), 0, "127.0.0.1",
                UUID.randomUUID().toString(), "test");
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "isms-test-keycloak-stop"));
        keycloak.start(SharedServers.postgres(), "keycloak", timeout);
        System.setProperty(URL, keycloak.url());
        return keycloak.url();
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped when the JVM exits
    }
}
