package org.isms.platform.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * The database credentials every service must be given: no profile has defaults for them (the local stack and
 * the tests pass them in). First thing at start (before the schema is migrated, before anything connects), a
 * service without them stops, saying which setting is missing, instead of trying a default user. Then it
 * migrates the schema (which {@code quarkus.flyway.migrate-at-start} would do before this check could run).
 */
@ApplicationScoped
public class DatabaseCredentials {
    private final Optional<String> username;
    private final Optional<String> password;
    private final Instance<Flyway> flyway;

    public DatabaseCredentials(@ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password, Instance<Flyway> flyway) {
        this.username = username;
        this.password = password;
        this.flyway = flyway;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        require(username, "quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME");
        require(password, "quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD");
        flyway.get().migrate();
    }

    private static void require(Optional<String> value, String property, String env) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            throw new IllegalStateException("the database credentials are not set: give " + property + " (" + env
                    + "); there is no default user or password");
        }
    }
}
