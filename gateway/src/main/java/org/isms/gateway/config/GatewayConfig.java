package org.isms.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's route table, services and limits ({@code gateway.*} in application.properties; the
 * environment overrides any of it, e.g. {@code GATEWAY_SERVICES__ASSET_SERVICE__URL}).
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name. */
    Map<String, Service> services();

    /** Path prefixes and where they go; the longest matching prefix wins. */
    List<Route> routes();

    Limits limits();

    Breaker breaker();

    Docs docs();

    interface Docs {
        /** Where Swagger UI and API clients find Keycloak (the security scheme of every document served). */
        @WithDefault("http://localhost:8180/realms/isms/.well-known/openid-configuration")
        String openidConnectUrl();
    }

    interface Service {
        /** Base URL, e.g. {@code http://localhost:8081}. */
        String url();

        @WithDefault("2s")
        Duration connectTimeout();

        /** How long the service may stay silent on a request before the gateway answers 504. */
        @WithDefault("15s")
        Duration timeout();

        @WithDefault("50")
        int maxConnections();
    }

    interface Route {
        /** Path prefixes, e.g. {@code /api/assets}: the prefix itself and everything below it. */
        List<String> prefixes();

        /** The name of a service of {@link #services()}. */
        String service();

        /** Roles that may GET, HEAD and OPTIONS; empty = any authenticated caller. */
        Optional<List<String>> readRoles();

        /** Roles that may POST, PUT, PATCH and DELETE; empty = any authenticated caller. */
        Optional<List<String>> writeRoles();
    }

    interface Limits {
        /** Largest request body, in bytes; more is 413. */
        @WithDefault("10485760")
        long maxBodySize();

        /** Requests per second per caller (subject, or client address when unauthenticated), sustained. */
        @WithDefault("50")
        double rate();

        /** Requests a caller may make at once above the rate. */
        @WithDefault("100")
        int burst();

        /**
         * How long a request body may pause before the gateway gives up on it (408): a caller that stalls holds
         * a connection to the service, and must not hold it for long.
         */
        @WithDefault("10s")
        Duration bodyIdleTimeout();
    }

    interface Breaker {
        /**
         * Consecutive failures of the service (unreachable, timed out, reset) that open its circuit; what a caller
         * does (stall, leave, send too much) never counts.
         */
        @WithDefault("5")
        int failures();

        /** How long an open circuit answers 503 at once before a request may try again. */
        @WithDefault("10s")
        Duration open();
    }
}
