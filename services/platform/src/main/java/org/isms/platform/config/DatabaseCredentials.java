package org.isms.platform.config;

import io.smallrye.config.ConfigMapping;

/**
 * The database credentials every service must be given: no profile has defaults for them (the local stack
 * and the tests pass them in), so a service started without them fails at once, naming the missing property
 * ({@code QUARKUS_DATASOURCE_USERNAME}, {@code QUARKUS_DATASOURCE_PASSWORD}), instead of trying a default.
 */
@ConfigMapping(prefix = "quarkus.datasource")
public interface DatabaseCredentials {
    /** The database user ({@code QUARKUS_DATASOURCE_USERNAME}). */
    String username();

    /** Its password ({@code QUARKUS_DATASOURCE_PASSWORD}). */
    String password();
}
