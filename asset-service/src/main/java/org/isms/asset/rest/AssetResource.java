package org.isms.asset.rest;

import io.smallrye.mutiny.Multi;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;
import org.isms.asset.rest.AssetDtos.AssetRequest;
import org.isms.asset.rest.AssetDtos.AssetUpdate;
import org.isms.asset.rest.AssetDtos.AssetView;
import org.isms.asset.rest.AssetDtos.ClassificationChange;
import org.isms.asset.rest.AssetDtos.DependenciesView;
import org.isms.asset.rest.AssetDtos.HistoryEntryView;
import org.isms.asset.rest.AssetDtos.ImportResult;
import org.isms.asset.rest.AssetDtos.ImportedAsset;
import org.isms.asset.rest.AssetDtos.MatchResult;
import org.isms.asset.rest.AssetDtos.Transition;
import org.isms.asset.service.AssetCommands;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.service.AssetImport;
import org.isms.asset.service.AssetQueries;
import org.isms.asset.service.AssetQueries.Filter;
import org.isms.platform.error.Problem;
import org.isms.platform.http.OffEventLoop;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.http.Responses;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The asset inventory API. Everyone with an ISMS role reads; risk owners, security officers and
 * admins write; only admins delete. Every call is scoped to the caller's tenant.
 */
@Path("/api/assets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assets")
public class AssetResource {
    static final Set<String> SORTABLE = Set.of("name", "type", "status", "owner", "criticality", "createdAt",
            "updatedAt", "reviewDate");

    private final AssetQueries queries;
    private final AssetCommands commands;
    private final AssetImport imports;
    private final AssetCsv csv;
    private final TenantContext caller;

    public AssetResource(AssetQueries queries, AssetCommands commands, AssetImport imports, AssetCsv csv,
            TenantContext caller) {
        this.queries = queries;
        this.commands = commands;
        this.imports = imports;
        this.csv = csv;
        this.caller = caller;
    }

    /** The list and export filters. */
    public static class FilterParams {
        @RestQuery
        public String type;
        @RestQuery
        public String status;
        @RestQuery
        public String owner;
        @RestQuery
        public String tag;
        @RestQuery
        public Integer minCriticality;
        @RestQuery
        public String personalData;
        @RestQuery
        public String q;

        Filter toFilter() {
            return new Filter(QueryParams.enumValue(AssetType.class, "type", type),
                    QueryParams.enumValue(AssetStatus.class, "status", status), owner, tag, minCriticality,
                    QueryParams.booleanValue("personalData", personalData), q);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "registerAsset", summary = "Register an asset")
    @APIResponse(responseCode = "201", description = "Registered; Location and ETag set",
            content = @Content(schema = @Schema(implementation = AssetView.class)))
    @APIResponse(responseCode = "409", description = "Name taken, dependency cycle or disposed dependency",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Valid @NotNull AssetRequest request) {
        return commands.register(caller.caller(), AssetMapper.draft(request))
                .map(d -> Responses.created("/api/assets/" + d.asset().id, AssetMapper.view(d), d.asset().version));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getAsset", summary = "One asset, with its ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssetView.class)))
    public Uni<Response> get(@RestPath UUID id) {
        return queries.get(caller.tenant(), id).map(AssetResource::withTag);
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listAssets", summary = "The inventory, filtered, sorted and paged (size up to 200)")
    public Uni<Page<AssetView>> list(@BeanParam PageParams paging, @BeanParam FilterParams filter) {
        return queries.list(caller.tenant(), filter.toFilter(), paging.toRequest("name", SORTABLE))
                .map(p -> p.map(AssetMapper::view));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "updateAsset", summary = "Replace an asset's descriptive fields, identifiers and dependencies (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssetView.class)))
    public Uni<Response> update(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull AssetUpdate request) {
        long version = Preconditions.ifMatch(ifMatch);
        return commands.update(caller.caller(), id, version, AssetMapper.draft(request))
                .map(AssetResource::withTag);
    }

    @PUT
    @Path("/{id}/classification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "classifyAsset", summary = "Change an asset's CIA ratings, with a reason (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssetView.class)))
    public Uni<Response> classify(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ClassificationChange change) {
        long version = Preconditions.ifMatch(ifMatch);
        return commands.classify(caller.caller(), id, version,
                new org.isms.events.asset.Cia(change.confidentiality(), change.integrity(), change.availability()),
                change.reason().strip()).map(AssetResource::withTag);
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "transitionAsset",
            summary = "Move an asset along PLANNED → IN_USE → RETIRED → DISPOSED (If-Match optional)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssetView.class)))
    @APIResponse(responseCode = "409", description = "The current status does not allow this transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> transition(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull Transition transition) {
        Long version = ifMatch == null ? null : Preconditions.ifMatch(ifMatch);
        return commands.transition(caller.caller(), id, transition.to(), version)
                .map(AssetResource::withTag);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteAsset", summary = "Remove an asset no other asset depends on (If-Match)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
        long version = Preconditions.ifMatch(ifMatch);
        return commands.delete(caller.caller(), id, version)
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/dependencies")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getAssetDependencies",
            summary = "What the asset depends on and what depends on it, transitively, with effective ratings")
    public Uni<DependenciesView> dependencies(@RestPath UUID id) {
        return queries.dependencies(caller.tenant(), id).map(g -> new DependenciesView(AssetMapper.node(g.asset(), 0),
                g.dependsOn().stream().map(AssetMapper::node).toList(),
                g.dependents().stream().map(AssetMapper::node).toList()));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getAssetHistory", summary = "Every change of the asset: who, when, what, why (newest first)")
    public Uni<Page<HistoryEntryView>> history(@RestPath UUID id, @BeanParam PageParams paging) {
        return queries.history(caller.tenant(), id, paging.toRequest("at,desc", Set.of("at")))
                .map(p -> p.map(e -> new HistoryEntryView(e.version(), e.action(), e.by(), e.byId(), e.at(), e.reason(), e.cause(),
                        e.changes())));
    }

    @GET
    @Path("/match")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "matchAssets",
            summary = "The assets an alert's host name, IP address or external id points at, most critical first")
    public Uni<MatchResult> match(@RestQuery String host, @RestQuery String ip, @RestQuery String externalId) {
        return queries.match(caller.tenant(), host, ip, externalId)
                .map(list -> new MatchResult(list.stream().map(AssetMapper::match).toList()));
    }

    @GET
    @Path("/export")
    @Produces(Responses.CSV)
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportAssets", summary = "The inventory as CSV (the import's columns), same filters as the list")
    public Multi<String> export(@BeanParam FilterParams filter) {
        // streamed page by page: memory stays bounded whatever the size of the inventory
        Multi<String> lines = Multi.createBy().concatenating().streams(Multi.createFrom().item(csv.header()),
                queries.exportPages(caller.tenant(), filter.toFilter()).map(csv::lines));
        return Responses.csv("assets.csv", lines);
    }

    @POST
    @Path("/import")
    @Consumes(Responses.CSV)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "importAssets",
            summary = "Register the assets of a CSV file, all or none; each bad row is reported with its line")
    public Uni<ImportResult> importAssets(String body) {
        Caller by = caller.caller();
        // parsed on a worker thread, within its caps; the import itself continues on the request's context
        return OffEventLoop.run(() -> csv.read(body == null ? "" : body))
                .chain(file -> imports.importAssets(by, file.rows(), file.faults()).map(result -> {
                    var lines = file.rows().stream().map(AssetImport.ImportRow::line).toList();
                    var created = result.assets();
                    var out = new java.util.ArrayList<ImportedAsset>(created.size());
                    for (int i = 0; i < created.size(); i++) {
                        out.add(new ImportedAsset(lines.get(i), created.get(i).asset().id, created.get(i).asset().name));
                    }
                    return new ImportResult(result.checked(), out.size(), result.dependencies(), result.reclassified(),
                            out);
                }));
    }

    private static Response withTag(AssetDetails d) {
        return Responses.tagged(AssetMapper.view(d), d.asset().version);
    }
}
