package org.isms.control.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.Theme;
import org.isms.control.domain.Effectiveness;
import org.isms.control.domain.ImplementationStatus;
import org.isms.control.rest.ControlDtos.ChangeView;
import org.isms.control.rest.ControlDtos.ControlView;
import org.isms.control.rest.ControlDtos.EffectivenessRequest;
import org.isms.control.rest.ControlDtos.ImplementationRequest;
import org.isms.control.rest.ControlDtos.MappingView;
import org.isms.control.rest.ControlDtos.OwnControlRequest;
import org.isms.control.service.ControlCommands;
import org.isms.control.service.ControlQueries;
import org.isms.control.service.ControlQueries.Filter;
import org.isms.control.service.OwnControls;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.http.Responses;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The tenant's controls: Annex A's 93 and its own, each with its implementation, applicability and the risks that
 * call for it. Everyone with an ISMS role reads; security officers and admins decide applicability, owners and add
 * controls; a control's owner moves its status and due date; auditors record effectiveness. Every call is scoped to
 * the caller's tenant.
 */
@Path("/api/controls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Controls")
@APIResponse(responseCode = "409", description = "The SoA does not allow this (e.g. excluding a control risks call for)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ControlResource {
    static final Set<String> SORTABLE = Set.of("id", "title", "theme", "status", "effectiveness", "dueDate");

    private final ControlQueries queries;
    private final ControlCommands commands;
    private final OwnControls own;
    private final Catalog catalog;
    private final TenantContext context;

    public ControlResource(ControlQueries queries, ControlCommands commands, OwnControls own, Catalog catalog,
            TenantContext context) {
        this.queries = queries;
        this.commands = commands;
        this.own = own;
        this.catalog = catalog;
        this.context = context;
    }

    /** The list's filters. */
    public static class FilterParams {
        @RestQuery
        public String theme;
        @RestQuery
        public String status;
        @RestQuery
        public String applicable;
        @RestQuery
        public String effectiveness;
        @RestQuery
        public String owner;
        @RestQuery
        @Schema(description = "A 27002 attribute value of any attribute, e.g. DETECTIVE or IDENTITY_AND_ACCESS_MANAGEMENT")
        public String attribute;
        @RestQuery
        public String q;
        @RestQuery
        public String calledForByRisk;
        @RestQuery
        @Schema(description = "true: applicable controls without evidence valid today")
        public String missingEvidence;
        @RestQuery
        @Schema(description = "true: controls whose evidence expired with none valid in its place")
        public String evidenceExpired;

        Filter toFilter() {
            if (attribute != null && !attribute.isBlank()
                    && !org.isms.control.catalog.Attributes.allValues().contains(attribute.strip().toUpperCase())) {
                throw new InvalidInputException("attribute", "'" + attribute + "' is not an ISO/IEC 27002:2022"
                        + " attribute value (e.g. PREVENTIVE, CONFIDENTIALITY, DETECT, GOVERNANCE, DEFENCE)");
            }
            return new Filter(QueryParams.enumValue(Theme.class, "theme", theme),
                    QueryParams.enumValue(ImplementationStatus.class, "status", status),
                    QueryParams.booleanValue("applicable", applicable),
                    QueryParams.enumValue(Effectiveness.class, "effectiveness", effectiveness), owner, attribute, q,
                    QueryParams.booleanValue("calledForByRisk", calledForByRisk),
                    QueryParams.booleanValue("missingEvidence", missingEvidence),
                    QueryParams.booleanValue("evidenceExpired", evidenceExpired));
        }
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listControls", summary = "The catalog joined with the tenant's implementation, filtered,"
            + " sorted (by id in Annex A's order unless asked) and paged (size up to 200)")
    public Uni<Page<ControlView>> list(@BeanParam PageParams paging, @BeanParam FilterParams filter) {
        return queries.list(context.tenant(), filter.toFilter(), paging.toRequest("id", SORTABLE))
                .map(p -> p.map(ControlMapper::view));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getControl", summary = "One control, with its ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ControlView.class)))
    public Uni<Response> get(@RestPath String id) {
        return queries.get(context.tenant(), id).map(s -> Responses.tagged(ControlMapper.view(s), s.version()));
    }

    @GET
    @Path("/{id}/mappings")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "controlMappings", summary = "How the control maps onto ISO/IEC 27001:2013, NIST CSF 2.0,"
            + " SOC 2 and Cyber Essentials")
    public Uni<List<MappingView>> mappings(@RestPath String id) {
        return queries.mappings(context.tenant(), id)
                .map(l -> l.stream().map(m -> ControlMapper.mapping(catalog, m)).toList());
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "controlHistory", summary = "Every change of the control, oldest first")
    public Uni<List<ChangeView>> history(@RestPath String id) {
        return queries.history(context.tenant(), id).map(l -> l.stream().map(ControlMapper::change).toList());
    }

    @PUT
    @Path("/{id}/implementation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "putControlImplementation", summary = "Set applicability, justification, status, owner"
            + " and due date (If-Match: the control's ETag; \"0\" before anything was decided)")
    public Uni<Response> putImplementation(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ImplementationRequest r) {
        long version = Preconditions.ifMatch(ifMatch);
        return commands.putImplementation(context.caller(), id, version, new ControlCommands.ImplementationRequest(
                r.applicable(), r.justification(), r.status(), r.owner(), r.dueDate()))
                .map(s -> Responses.tagged(ControlMapper.view(s), s.version()));
    }

    @POST
    @Path("/{id}/effectiveness")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "assessControlEffectiveness", summary = "Record how effective the control is, and how"
            + " that was found (auditors; not the control's owner)")
    public Uni<Response> assess(@RestPath String id, @Valid @NotNull EffectivenessRequest r) {
        return commands.assess(context.caller(), id, r.result(), r.method(), r.note())
                .map(s -> Responses.tagged(ControlMapper.view(s), s.version()));
    }

    @PUT
    @Path("/{id}/definition")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "changeOwnControl", summary = "Replace the definition of a control of the tenant's own:"
            + " title, theme, purpose, attributes, mappings (If-Match: its definitionVersion; Annex A's: 409)")
    public Uni<Response> changeDefinition(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull OwnControlRequest r) {
        long version = Preconditions.ifMatch(ifMatch);
        return own.change(context.caller(), id, version, ControlMapper.draft(r))
                .map(s -> Responses.tagged(ControlMapper.view(s), s.version()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "addOwnControl", summary = "Add a control of the tenant's own (an id outside Annex A's),"
            + " with its mappings")
    @APIResponse(responseCode = "201", description = "Added; Location and ETag set",
            content = @Content(schema = @Schema(implementation = ControlView.class)))
    public Uni<Response> add(@Valid @NotNull OwnControlRequest r) {
        return own.add(context.caller(), ControlMapper.draft(r))
                .map(s -> Responses.created("/api/controls/" + s.control().id(), ControlMapper.view(s), s.version()));
    }
}
