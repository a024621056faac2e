package org.isms.gateway.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a production gateway without what it must not guess: the secret of its OIDC client, which
 * the browser login (authorization-code flow) needs. Nothing falls back to a default; the local stack passes
 * the demo realm's secret in, and anything else must set {@code QUARKUS_OIDC_CREDENTIALS_SECRET}.
 */
@ApplicationScoped
public class ProductionChecks {
    private final String applicationType;
    private final Optional<String> secret;

    public ProductionChecks(@ConfigProperty(name = "quarkus.oidc.application-type") String applicationType,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> secret) {
        this.applicationType = applicationType;
        this.secret = secret;
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            check();
        }
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
