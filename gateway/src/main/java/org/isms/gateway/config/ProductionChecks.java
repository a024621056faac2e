package org.isms.gateway.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a production gateway without what it must not guess: the secret of its OIDC client, which
 * the browser login (authorization-code flow) needs. Nothing falls back to a default; the local stack passes
 * the demo realm's secret in, and anything else must set {@code QUARKUS_OIDC_CREDENTIALS_SECRET}.
 * <p>
 * In every launch mode it also refuses timeouts that would blame the wrong side: the body idle timeout must be
 * shorter than each service's timeout, or a caller's stalled upload would show as the service's silence (504,
 * counted against its circuit) before the gateway answered the caller's 408.
 */
@ApplicationScoped
public class ProductionChecks {
    private final String applicationType;
    private final Optional<String> secret;
    private final GatewayConfig config;

    public ProductionChecks(@ConfigProperty(name = "quarkus.oidc.application-type") String applicationType,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> secret, GatewayConfig config) {
        this.applicationType = applicationType;
        this.secret = secret;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        checkTimeouts(config.limits().bodyIdleTimeout(), config.services().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().timeout())));
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            check();
        }
    }

    /** Throws when the body idle timeout is not below every service's timeout. */
    static void checkTimeouts(Duration bodyIdle, Map<String, Duration> serviceTimeouts) {
        serviceTimeouts.forEach((service, timeout) -> {
            if (bodyIdle.compareTo(timeout) >= 0) {
                throw new IllegalStateException("gateway.limits.body-idle-timeout (" + bodyIdle + ") must be shorter"
                        + " than gateway.services." + service + ".timeout (" + timeout + "): a stalled upload would"
                        + " otherwise be blamed on the service");
            }
        });
    }

    /** Throws (ending the start) when a setting production needs is missing. */
    void check() {
        boolean browserLogin = applicationType.equals("hybrid") || applicationType.equals("web-app");
        if (browserLogin && secret.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("the gateway's OIDC client secret is not set: give it with"
                    + " QUARKUS_OIDC_CREDENTIALS_SECRET (the browser login needs it; there is no default)");
        }
    }
}
