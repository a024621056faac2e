package org.isms.incident.rest;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.incident.domain.IncidentStatus;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.Severity;
import org.isms.incident.rest.IncidentDtos.AssignRequest;
import org.isms.incident.rest.IncidentDtos.CommentRequest;
import org.isms.incident.rest.IncidentDtos.DeclareRequest;
import org.isms.incident.rest.IncidentDtos.EditRequest;
import org.isms.incident.rest.IncidentDtos.EscalateRequest;
import org.isms.incident.rest.IncidentDtos.IncidentView;
import org.isms.incident.rest.IncidentDtos.LinkAlertsRequest;
import org.isms.incident.rest.IncidentDtos.LinkRisksRequest;
import org.isms.incident.rest.IncidentDtos.MergeRequest;
import org.isms.incident.rest.IncidentDtos.OpenRequest;
import org.isms.incident.rest.IncidentDtos.RegimeInfo;
import org.isms.incident.rest.IncidentDtos.StatusRequest;
import org.isms.incident.rest.IncidentDtos.SubmitRequest;
import org.isms.incident.service.IncidentCommands;
import org.isms.incident.service.IncidentQueries;
import org.isms.incident.service.IncidentQueries.Metrics;
import org.isms.incident.service.IncidentQueries.TimelineEntry;
import org.isms.incident.service.Regimes;
import org.isms.incident.service.RegulatoryClocks;
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
 * The tenant's incidents: everyone with an ISMS role reads (SIEM service accounts do not); incident responders,
 * security officers and admins work them. Every call is scoped to the caller's tenant.
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
@APIResponse(responseCode = "409", description = "The incident's state does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class IncidentResource {
    static final Set<String> SORTABLE = Set.of("openedAt", "number", "priority", "severity", "status", "lastSeen",
            "alertCount", "updatedAt");

    private final IncidentQueries queries;
    private final IncidentCommands commands;
    private final RegulatoryClocks clocks;
    private final Regimes regimes;
    private final TenantContext context;

    public IncidentResource(IncidentQueries queries, IncidentCommands commands, RegulatoryClocks clocks,
            Regimes regimes, TenantContext context) {
        this.queries = queries;
        this.commands = commands;
        this.clocks = clocks;
        this.regimes = regimes;
        this.context = context;
    }

    /** The list's filters. */
    public static class FilterParams {
        @RestQuery
        public String status;
        @RestQuery
        public String priority;
        @RestQuery
        public String severity;
        @RestQuery
        public String assignee;
        @RestQuery
        public UUID assetId;
        @RestQuery
        @Schema(description = "true: still being worked; false: closed, false positive or merged")
        public String open;
        @RestQuery
        public String q;

        IncidentQueries.Filter toFilter() {
            return new IncidentQueries.Filter(QueryParams.enumValue(IncidentStatus.class, "status", status),
                    QueryParams.enumValue(Priority.class, "priority", priority),
                    QueryParams.enumValue(Severity.class, "severity", severity), assignee, assetId,
                    QueryParams.booleanValue("open", open), q);
        }
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listIncidents", summary = "The incident queue, filtered, sorted (newest first unless"
            + " asked) and paged")
    public Uni<Page<IncidentView>> list(@BeanParam PageParams paging, @BeanParam FilterParams filter) {
        return queries.list(context.tenant(), filter.toFilter(), paging.toRequest("openedAt,desc", SORTABLE))
                .map(p -> p.map(IncidentMapper::view));
    }

    @GET
    @Path("/metrics")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "incidentMetrics", summary = "Counts by status and (open ones) by priority, mean time to"
            + " triage, contain and close, in seconds")
    public Uni<Metrics> metrics() {
        return queries.metrics(context.tenant());
    }

    @GET
    @Path("/regimes")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "incidentRegimes", summary = "The regulatory regimes an incident can be declared"
            + " reportable under, and their reports' deadlines (configuration)")
    public List<RegimeInfo> regimes() {
        return regimes.all().stream().map(IncidentMapper::regime).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getIncident", summary = "One incident with its regulatory deadlines, and its ETag")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Uni<Response> get(@RestPath UUID id) {
        return view(id);
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "incidentTimeline", summary = "Every change and comment, and its latest alerts (up to"
            + " maxAlerts, 200 at most), oldest first")
    public Uni<List<TimelineEntry>> timeline(@RestPath UUID id, @RestQuery Integer maxAlerts) {
        int max = maxAlerts == null ? 50 : Math.max(0, Math.min(200, maxAlerts));
        return queries.timeline(context.tenant(), id, max);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "openIncident", summary = "Open an incident by hand (reported by a person, not a SIEM)")
    @APIResponse(responseCode = "201", description = "Opened; Location and ETag set",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Uni<Response> open(@Valid @NotNull OpenRequest r) {
        return commands.open(context.caller(), new IncidentCommands.Draft(r.title(), r.description(), r.severity(),
                r.category(), r.assetIds(), r.ciaHit(), r.personalData()))
                .map(i -> Responses.created("/api/incidents/" + i.id, IncidentMapper.view(i), i.version));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "editIncident", summary = "Replace title, description, category and the personal-data"
            + " flag (If-Match: the incident's ETag)")
    public Uni<Response> edit(@RestPath UUID id, @RestHeader("If-Match") String ifMatch, @Valid @NotNull EditRequest r) {
        long version = Preconditions.ifMatch(ifMatch);
        return commands.edit(context.caller(), id, version, new IncidentCommands.Edit(r.title(), r.description(),
                r.category(), r.personalData())).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "moveIncident", summary = "Move to the next phase (NEW → TRIAGED → CONTAINED → ERADICATED"
            + " → RECOVERED → CLOSED, or FALSE_POSITIVE at triage); closing needs lessonsLearned. If-Match optional")
    public Uni<Response> move(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull StatusRequest r) {
        Long version = ifMatch == null ? null : Preconditions.ifMatch(ifMatch);
        return commands.move(context.caller(), id, version, r.status(), r.lessonsLearned(), r.note())
                .chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "assignIncident", summary = "Assign the incident (null: unassign)")
    public Uni<Response> assign(@RestPath UUID id, @Valid @NotNull AssignRequest r) {
        return commands.assign(context.caller(), id, r.assignee()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/escalation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "escalateIncident", summary = "Raise priority or severity, or add assets or CIA"
            + " properties hit (risk-service flags the assets' risks)")
    public Uni<Response> escalate(@RestPath UUID id, @Valid @NotNull EscalateRequest r) {
        return commands.escalate(context.caller(), id, new IncidentCommands.Escalation(r.priority(), r.severity(),
                r.assetIds(), r.ciaHit(), r.reason())).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "commentIncident", summary = "Add a comment to the timeline")
    public Uni<Response> comment(@RestPath UUID id, @Valid @NotNull CommentRequest r) {
        return commands.comment(context.caller(), id, r.text()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "mergeIncident", summary = "Merge the incident 'from' into this one: its alerts move"
            + " here, it becomes MERGED")
    public Uni<Response> merge(@RestPath UUID id, @Valid @NotNull MergeRequest r) {
        return commands.merge(context.caller(), id, r.from()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "linkIncidentAlerts", summary = "Link alerts to the incident by hand")
    public Uni<Response> linkAlerts(@RestPath UUID id, @Valid @NotNull LinkAlertsRequest r) {
        return commands.linkAlerts(context.caller(), id, r.alertIds()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/risks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "linkIncidentRisks", summary = "Name the risks (risk-service ids) the incident bears on")
    public Uni<Response> linkRisks(@RestPath UUID id, @Valid @NotNull LinkRisksRequest r) {
        return commands.linkRisks(context.caller(), id, r.riskIds()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/regimes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "declareIncidentReportable", summary = "Declare the incident reportable under a regime"
            + " (NIS2, GDPR, DORA, …) from the time of awareness (and for DORA of classification): its deadlines start")
    public Uni<Response> declare(@RestPath UUID id, @Valid @NotNull DeclareRequest r) {
        return clocks.declare(context.caller(), id, r.regime(), r.awareAt(), r.classifiedAt()).chain(i -> view(i.id));
    }

    @POST
    @Path("/{id}/regimes/{regime}/reports/{report}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INCIDENT_RESPONDER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "submitIncidentReport", summary = "Record that a report was submitted to the authority"
            + " (when: now unless given; its reference)")
    public Uni<Response> submit(@RestPath UUID id, @RestPath String regime, @RestPath String report,
            @Valid @NotNull SubmitRequest r) {
        return clocks.submit(context.caller(), id, regime, report, r.submittedAt(), r.reference())
                .chain(i -> view(i.id));
    }

    private Uni<Response> view(UUID id) {
        return queries.get(context.tenant(), id).map(d -> Responses.tagged(IncidentMapper.view(d, queries, regimes),
                d.incident().version));
    }
}
