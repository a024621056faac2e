package org.isms.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes the application under test verify bearer tokens the way it does in production (signature,
 * issuer, audience, expiry, roles from {@code realm_access.roles}), against the key of
 * {@link TestTokens} instead of Keycloak's.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        // nothing runs
    }
}
