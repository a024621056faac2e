package org.isms.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.isms.stack.PostgresServer;

/**
 * Real PostgreSQL for {@code @QuarkusTest}: one server per test JVM, and one database, created
 * empty, for the application under test. Flyway builds the schema as it would in production.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    static final String DATABASE = "isms_test";

    @Override
    public Map<String, String> start() {
        PostgresServer pg = SharedServers.postgres();
        pg.ensureDatabase(DATABASE);
        return Map.of(
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(DATABASE),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(DATABASE));
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped when the JVM exits
    }
}
