package org.isms.http.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once per instance and reuses the identity until the token expires: checking a JWT's
 * signature and claims costs about as much as a database query, and a client sends the same token for minutes.
 *
 * <p>Asked first for a bearer token ({@link #priority()} above the OIDC provider's), it answers from
 * {@link VerifiedTokens} or passes (null: Quarkus asks the OIDC provider next). What OIDC verified comes back
 * through {@link Keeper}, the last augmentor, which keeps it under the token's hash until the token's {@code exp}
 * (at most {@code isms.security.token-cache.max-age}). A token that fails verification is never kept, and an
 * expired one is verified again (and refused) by OIDC. Only bearer tokens: a browser session's tokens are left
 * to OIDC, which refreshes them. The identity is kept without the request it came with; each answer from the cache
 * carries the current request's routing context instead. {@link CachedBearerTokens} answers a known token even
 * before the OIDC mechanism looks at it.
 */
@ApplicationScoped
public class CachedTokenIdentities implements IdentityProvider<TokenAuthenticationRequest> {
    static final String KEY = CachedTokenIdentities.class.getName() + ".key";
    static final String CACHED = CachedTokenIdentities.class.getName() + ".cached";
    static final String ROUTING_CONTEXT = "io.vertx.ext.web.RoutingContext";

    private final VerifiedTokens<SecurityIdentity> tokens;
    private final boolean enabled;

    public CachedTokenIdentities(@ConfigProperty(name = "isms.security.token-cache.enabled", defaultValue = "true")
            boolean enabled,
            @ConfigProperty(name = "isms.security.token-cache.max-entries", defaultValue = "1000") int maxEntries,
            @ConfigProperty(name = "isms.security.token-cache.max-age", defaultValue = "5m") Duration maxAge) {
        this.enabled = enabled;
        this.tokens = new VerifiedTokens<>(maxEntries, maxAge, Clock.systemUTC()); // tokens' exp is wall-clock time
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential token = request.getToken();
        if (!enabled || token == null || !"bearer".equals(token.getType()) || token.getToken() == null) {
            return Uni.createFrom().nullItem();
        }
        String key = VerifiedTokens.keyOf(token.getToken());
        SecurityIdentity known = tokens.get(key);
        if (known == null) {
            request.setAttribute(KEY, key);
            return Uni.createFrom().nullItem();
        }
        Object routing = request.getAttribute(ROUTING_CONTEXT);
        return Uni.createFrom().item(routing == null ? known
                : QuarkusSecurityIdentity.builder(known).addAttribute(ROUTING_CONTEXT, routing).build());
    }

    /** Whether identities are reused at all ({@code isms.security.token-cache.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /** The cache itself, for tests and figures. */
    public VerifiedTokens<SecurityIdentity> tokens() {
        return tokens;
    }

    void keep(String key, SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            tokens.put(key, detached(identity), Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
    }

    /** The identity without the request it came with, marked as kept. */
    private static SecurityIdentity detached(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.put(CACHED, Boolean.TRUE);
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes)
                .addPermissionChecker(identity::checkPermission).build();
    }

    /** Runs after every other augmentor, and keeps what OIDC verified for a bearer token the cache did not know. */
    @ApplicationScoped
    public static class Keeper implements SecurityIdentityAugmentor {
        private final CachedTokenIdentities cache;

        public Keeper(CachedTokenIdentities cache) {
            this.cache = cache;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            return Uni.createFrom().item(identity);
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                Map<String, Object> attributes) {
            Object key = attributes == null ? null : attributes.get(KEY);
            if (key instanceof String k && !identity.isAnonymous() && identity.getAttribute(CACHED) == null) {
                cache.keep(k, identity);
            }
            return Uni.createFrom().item(identity);
        }
    }
}
