package org.isms.platform.tenancy;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the caller's identity for every REST request (so a bad token is a 401 before anything
 * runs) and refuses an authenticated caller whose token names no valid tenant or no subject: without a
 * tenant no query could be scoped, without a subject no change could be attributed. Anonymous requests
 * pass here and meet the endpoints' role checks. The caller is recorded in the {@link UserDirectory}.
 */
public class TenantFilter {
    public static final String TENANT_CLAIM = "tenant";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Whether {@code id} is a tenant id: lower-case letters, digits and '-', 1 to 63, not starting with '-'. */
    public static boolean isTenantId(String id) {
        return id != null && TENANT.matcher(id).matches();
    }

    private final CurrentIdentityAssociation identities;
    private final TenantContext context;
    private final UserDirectory directory;

    public TenantFilter(CurrentIdentityAssociation identities, TenantContext context, UserDirectory directory) {
        this.identities = identities;
        this.context = context;
        this.directory = directory;
    }

    @ServerRequestFilter
    public Uni<Response> requireTenant() {
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous()) {
                return Uni.createFrom().nullItem();
            }
            Response refused = check(identity);
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            return directory.saw(context.caller()).replaceWith((Response) null);
        });
    }

    private Response check(SecurityIdentity identity) {
        String tenant = null;
        String id = null;
        String name = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(TENANT_CLAIM);
            tenant = claim == null ? null : claim.toString().replace("\"", "");
            id = jwt.getSubject();
            String username = jwt.getClaim("preferred_username");
            if (username != null && !username.isBlank()) {
                name = username;
            }
        }
        if (!isTenantId(tenant)) {
            return refuse("no-tenant", "No tenant",
                    "the token carries no valid 'tenant' claim; every request acts for one organization");
        }
        if (id == null || id.isBlank()) {
            return refuse("no-subject", "No subject",
                    "the token carries no 'sub' claim; every change is recorded with the user's stable id");
        }
        context.set(new Caller(tenant, id, UserDirectory.normalize(name == null || name.isBlank() ? id : name),
                identity.getRoles()));
        return null;
    }

    private static Response refuse(String kind, String title, String detail) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:isms:problem:" + kind, title, 403, detail, null, null, null)).build();
    }
}
