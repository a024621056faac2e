package org.isms.gateway.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the caller is, as the gateway sees the token: name, tenant and roles. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller. */
    public record Me(String name, String tenant, Set<String> roles) {
    }

    @GET
    @Authenticated
    @Operation(operationId = "getMe", summary = "The caller's name, tenant and roles")
    public Me me() {
        String tenant = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("tenant") : null;
        return new Me(identity.getPrincipal().getName(), tenant, new TreeSet<>(identity.getRoles()));
    }
}
