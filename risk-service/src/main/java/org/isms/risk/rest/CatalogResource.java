package org.isms.risk.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.platform.error.Problem;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.Responses;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.isms.risk.domain.CatalogEntry.Kind;
import org.isms.risk.rest.RiskDtos.CatalogRequest;
import org.isms.risk.rest.RiskDtos.CatalogView;
import org.isms.risk.service.CatalogService;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The threat and vulnerability catalogs ({@code /api/threats}, {@code /api/vulnerabilities}): one API, the
 * catalog named by the path. Everyone reads; security officers and admins edit. A tenant's catalogs start
 * with the baseline.
 */
@Path("/api/{catalog: threats|vulnerabilities}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Threat and vulnerability catalogs")
public class CatalogResource {
    static final Set<String> SORTABLE = Set.of("code", "name", "category", "createdAt", "updatedAt");

    private final CatalogService service;
    private final TenantContext context;

    public CatalogResource(CatalogService service, TenantContext context) {
        this.service = service;
        this.context = context;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listCatalogEntries", summary = "A catalog, filtered by category and text, paged")
    public Uni<Page<CatalogView>> list(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING,
            enumeration = { "threats", "vulnerabilities" })) String catalog, @BeanParam PageParams paging,
            @RestQuery String category, @RestQuery String q) {
        return service.list(context.tenant(), kind(catalog), category, q, paging.toRequest("code", SORTABLE))
                .map(p -> p.map(RiskMapper::view));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getCatalogEntry", summary = "One entry, with its ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CatalogView.class)))
    public Uni<Response> get(@RestPath String catalog, @RestPath UUID id) {
        return service.get(context.tenant(), kind(catalog), id).map(CatalogResource::withTag);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "addCatalogEntry", summary = "Add an entry")
    @APIResponse(responseCode = "201", description = "Added; Location and ETag set",
            content = @Content(schema = @Schema(implementation = CatalogView.class)))
    @APIResponse(responseCode = "409", description = "Code or name taken in this catalog",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@RestPath String catalog, @Valid @NotNull CatalogRequest request) {
        return service.create(context.caller(), kind(catalog), RiskMapper.draft(request))
                .map(e -> Responses.created("/api/" + catalog + "/" + e.id, RiskMapper.view(e), e.version));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "updateCatalogEntry", summary = "Replace an entry (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CatalogView.class)))
    public Uni<Response> update(@RestPath String catalog, @RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull CatalogRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return service.update(context.caller(), kind(catalog), id, version, RiskMapper.draft(request))
                .map(CatalogResource::withTag);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "deleteCatalogEntry", summary = "Remove an entry no risk names (If-Match)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Risks name the entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@RestPath String catalog, @RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
        long version = Preconditions.ifMatch(ifMatch);
        return service.delete(context.caller(), kind(catalog), id, version).map(x -> Response.noContent().build());
    }

    private static Kind kind(String catalog) {
        return "threats".equals(catalog) ? Kind.THREAT : Kind.VULNERABILITY;
    }

    private static Response withTag(org.isms.risk.domain.CatalogEntry e) {
        return Responses.tagged(RiskMapper.view(e), e.version);
    }
}
