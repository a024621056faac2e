package org.isms.risk.rest;

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
import org.isms.platform.error.Problem;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.http.Responses;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.isms.risk.domain.RiskLevel;
import org.isms.risk.domain.RiskStatus;
import org.isms.risk.rest.RiskDtos.AcceptanceRequest;
import org.isms.risk.rest.RiskDtos.AssessmentRequest;
import org.isms.risk.rest.RiskDtos.CloseRequest;
import org.isms.risk.rest.RiskDtos.HeatmapView;
import org.isms.risk.rest.RiskDtos.ReviewRequest;
import org.isms.risk.rest.RiskDtos.RiskRequest;
import org.isms.risk.rest.RiskDtos.RiskView;
import org.isms.risk.rest.RiskDtos.TreatmentRequest;
import org.isms.risk.service.RiskDecisions;
import org.isms.risk.service.RiskDetails;
import org.isms.risk.service.RiskQueries;
import org.isms.risk.service.RiskQueries.Filter;
import org.isms.risk.service.RiskRegister;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The risk register API. Everyone with an ISMS role reads; a risk owner changes the risks they own;
 * security officers and admins change all and approve acceptances (never of a risk they own); only admins
 * delete. Every change but a review needs If-Match. Every call is scoped to the caller's tenant.
 */
@Path("/api/risks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Risks")
@APIResponse(responseCode = "409", description = "The risk's status does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RiskResource {
    static final Set<String> SORTABLE = Set.of("title", "status", "owner", "level", "inherentScore", "residualScore",
            "nextReviewDue", "createdAt", "updatedAt");

    private final RiskQueries queries;
    private final RiskRegister register;
    private final RiskDecisions decisions;
    private final TenantContext context;

    public RiskResource(RiskQueries queries, RiskRegister register, RiskDecisions decisions, TenantContext context) {
        this.queries = queries;
        this.register = register;
        this.decisions = decisions;
        this.context = context;
    }

    /** The list, heat map and export filters. */
    public static class FilterParams {
        @RestQuery
        public String level;
        @RestQuery
        public String status;
        @RestQuery
        public String owner;
        @RestQuery
        public UUID assetId;
        @RestQuery
        public String aboveAppetite;
        @RestQuery
        public String reviewRequired;
        @RestQuery
        public String overdue;
        @RestQuery
        public String q;

        Filter toFilter() {
            return new Filter(QueryParams.enumValue(RiskLevel.class, "level", level),
                    QueryParams.enumValue(RiskStatus.class, "status", status), owner, assetId,
                    QueryParams.booleanValue("aboveAppetite", aboveAppetite),
                    QueryParams.booleanValue("reviewRequired", reviewRequired),
                    QueryParams.booleanValue("overdue", overdue), q);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "recordRisk", summary = "Record a risk on assets of the inventory (status IDENTIFIED)")
    @APIResponse(responseCode = "201", description = "Recorded; Location and ETag set",
            content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> create(@Valid @NotNull RiskRequest request) {
        return register.create(context.caller(), RiskMapper.draft(request))
                .map(d -> Responses.created("/api/risks/" + d.risk().id, view(d), d.risk().version));
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listRisks", summary = "The register, filtered, sorted and paged (size up to 200)")
    public Uni<Page<RiskView>> list(@BeanParam PageParams paging, @BeanParam FilterParams filter) {
        return queries.list(context.tenant(), filter.toFilter(), paging.toRequest("title", SORTABLE))
                .map(p -> p.map(this::view));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getRisk", summary = "One risk, with its ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> get(@RestPath UUID id) {
        return queries.get(context.tenant(), id).map(this::withTag);
    }

    @GET
    @Path("/heatmap")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "riskHeatmap", summary = "Risks per likelihood × impact cell, inherent and residual"
            + " (closed risks only when status=CLOSED is asked for); the list's filters apply")
    public Uni<HeatmapView> heatmap(@BeanParam FilterParams filter) {
        return queries.heatmap(context.tenant(), filter.toFilter()).map(RiskMapper::heatmap);
    }

    @GET
    @Path("/export")
    @Produces(Responses.CSV)
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportRisks", summary = "The register as CSV, same filters as the list")
    public Multi<String> export(@BeanParam FilterParams filter) {
        // streamed page by page: memory stays bounded whatever the size of the register
        Multi<String> lines = Multi.createBy().concatenating().streams(Multi.createFrom().item(RiskCsv.header()),
                queries.exportPages(context.tenant(), filter.toFilter()).map(RiskCsv::lines));
        return Responses.csv("risk-register.csv", lines);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "updateRisk", summary = "Replace a risk's title, description, assets, threat, vulnerability,"
            + " owner and affected properties (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> update(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull RiskRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return register.update(context.caller(), id, version, RiskMapper.draft(request)).map(this::withTag);
    }

    @PUT
    @Path("/{id}/assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "assessRisk", summary = "Assess likelihood and impact, inherent and residual, under the"
            + " current methodology (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> assess(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull AssessmentRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return decisions.assess(context.caller(), id, version, new RiskDecisions.Assessment(
                RiskMapper.pair(request.inherent()), RiskMapper.pair(request.residual()), request.reason()))
                .map(this::withTag);
    }

    @PUT
    @Path("/{id}/treatment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "treatRisk", summary = "Set the treatment option and plan, with the Annex A controls"
            + " each item implements (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> treat(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull TreatmentRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return decisions.treat(context.caller(), id, version, request.option(),
                request.plan().stream().map(RiskMapper::planItem).toList()).map(this::withTag);
    }

    @PUT
    @Path("/{id}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "acceptRisk", summary = "Accept the residual risk until a date (at most the methodology's"
            + " maxAcceptanceDays ahead); the caller approves and may not own the risk (If-Match). A later change of"
            + " owner, assets, affected properties, threat, vulnerability, assessment or plan voids the acceptance")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> accept(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull AcceptanceRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return decisions.accept(context.caller(), id, version, request.justification(), request.expiresAt())
                .map(this::withTag);
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "reviewRisk", summary = "Record a review: clears the review flag, sets the next review"
            + " date (If-Match optional)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> review(@RestPath UUID id, @RestHeader("If-Match") String ifMatch, @Valid ReviewRequest request) {
        Long version = ifMatch == null ? null : Preconditions.ifMatch(ifMatch);
        return decisions.review(context.caller(), id, version, request == null ? null : request.comment())
                .map(this::withTag);
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "closeRisk", summary = "Close a risk that no longer applies, with the reason (If-Match)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RiskView.class)))
    public Uni<Response> close(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull CloseRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return decisions.close(context.caller(), id, version, request.reason()).map(this::withTag);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteRisk", summary = "Remove a risk recorded by mistake (If-Match); others close it")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
        long version = Preconditions.ifMatch(ifMatch);
        return register.delete(context.caller(), id, version).map(x -> Response.noContent().build());
    }

    private Response withTag(RiskDetails d) {
        return Responses.tagged(view(d), d.risk().version);
    }

    private RiskView view(RiskDetails d) {
        return RiskMapper.view(d, queries.today());
    }
}
