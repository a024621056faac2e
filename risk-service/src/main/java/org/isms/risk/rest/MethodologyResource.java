package org.isms.risk.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.platform.error.Problem;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.Responses;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.isms.risk.rest.RiskDtos.MethodologyRequest;
import org.isms.risk.rest.RiskDtos.MethodologyView;
import org.isms.risk.service.MethodologyService;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The tenant's risk assessment method. Everyone reads it; security officers and admins change it, which
 * makes a new version (ETag = version) and re-rates every open risk.
 */
@Path("/api/risk-methodology")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Risk methodology")
public class MethodologyResource {
    private final MethodologyService service;
    private final TenantContext context;

    public MethodologyResource(MethodologyService service, TenantContext context) {
        this.service = service;
        this.context = context;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getRiskMethodology", summary = "The current methodology, with its version as ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MethodologyView.class)))
    public Uni<Response> get() {
        return service.get(context.tenant()).map(c -> Responses.tagged(RiskMapper.view(c), c.version()));
    }

    @GET
    @Path("/versions")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listRiskMethodologyVersions", summary = "Every version, newest first (0 is the built-in default)")
    public Uni<List<MethodologyView>> versions() {
        return service.versions(context.tenant()).map(l -> l.stream().map(RiskMapper::view).toList());
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getRiskMethodologyVersion", summary = "One version of the methodology")
    public Uni<MethodologyView> version(@RestPath int version) {
        return service.version(context.tenant(), version).map(RiskMapper::view);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "changeRiskMethodology",
            summary = "Replace the methodology (If-Match the current version); every open risk is re-rated")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MethodologyView.class)))
    @APIResponse(responseCode = "409", description = "Open risks are assessed at levels the new scales lack",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> change(@RestHeader("If-Match") String ifMatch, @Valid @NotNull MethodologyRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return service.change(context.caller(), version, RiskMapper.methodology(request),
                request.reason()).map(c -> Responses.tagged(RiskMapper.view(c), c.version()));
    }
}
