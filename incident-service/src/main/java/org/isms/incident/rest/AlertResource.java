package org.isms.incident.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.incident.domain.Alert;
import org.isms.incident.rest.IncidentDtos.AlertView;
import org.isms.incident.service.IncidentQueries;
import org.isms.platform.http.QueryParams;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The alerts the intake kept, for people (SIEM accounts send, they do not read): all of them, those of an incident,
 * or the unmatched ones ({@code matched=false}) that name no known asset and may reveal a gap in the inventory.
 */
@Path("/api/incidents/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class AlertResource {
    static final Set<String> SORTABLE = Set.of("receivedAt", "firstSeen", "lastSeen", "severity", "ruleName");

    private final IncidentQueries queries;
    private final TenantContext context;

    public AlertResource(IncidentQueries queries, TenantContext context) {
        this.queries = queries;
        this.context = context;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listAlerts", summary = "Alerts, newest first unless asked, filtered and paged (without"
            + " their raw documents)")
    public Uni<Page<AlertView>> list(@BeanParam PageParams paging, @RestQuery UUID incidentId,
            @RestQuery @Schema(description = "false: alerts that matched no asset") String matched,
            @RestQuery String sourceSystem, @RestQuery String ruleId, @RestQuery String disposition) {
        return queries.alerts(context.tenant(), incidentId, QueryParams.booleanValue("matched", matched), sourceSystem,
                ruleId, QueryParams.enumValue(Alert.Disposition.class, "disposition", disposition),
                paging.toRequest("receivedAt,desc", SORTABLE)).map(p -> p.map(a -> IncidentMapper.alert(a, null)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getAlert", summary = "One alert, with the document as the SIEM sent it")
    public Uni<AlertView> get(@RestPath UUID id) {
        return queries.alert(context.tenant(), id).map(a -> IncidentMapper.alert(a.alert(), a.raw()));
    }
}
