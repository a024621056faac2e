package org.isms.platform.tenancy;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.isms.platform.error.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the caller's identity for every REST request (so a bad token is a 401 before anything
 * runs) and refuses an authenticated caller whose token names no valid tenant: without a tenant no
 * query could be scoped. Anonymous requests pass here and meet the endpoints' role checks.
 */
public class TenantFilter {
    public static final String TENANT_CLAIM = "tenant";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final CurrentIdentityAssociation identities;
    private final TenantContext context;

    public TenantFilter(CurrentIdentityAssociation identities, TenantContext context) {
        this.identities = identities;
        this.context = context;
    }

    @ServerRequestFilter
    public Uni<Response> requireTenant() {
        return identities.getDeferredIdentity().map(this::check);
    }

    private Response check(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return null;
        }
        String tenant = null;
        String subject = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(TENANT_CLAIM);
            tenant = claim == null ? null : claim.toString().replace("\"", "");
            String username = jwt.getClaim("preferred_username");
            if (username != null && !username.isBlank()) {
                subject = username;
            }
        }
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            return Response.status(403).type(Problem.MEDIA_TYPE)
                    .entity(new Problem("urn:isms:problem:no-tenant", "No tenant", 403,
                            "the token carries no valid 'tenant' claim; every request acts for one organization",
                            null, null, null))
                    .build();
        }
        context.set(tenant, subject);
        return null;
    }
}
