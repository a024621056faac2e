package org.isms.incident.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.incident.config.IntakeConfig;
import org.isms.incident.service.AlertDocuments;
import org.isms.incident.service.AlertIntake;
import org.isms.incident.service.AlertIntake.Received;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem;
import org.isms.platform.security.Roles;
import org.isms.platform.time.Clocks;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The HTTP door of the intake, for SIEM service accounts ({@code siem-ingest}; responders may post an alert by hand):
 * one alert document or an array of them, in the caller's tenant. Every alert of the body is read first; if any is
 * unreadable the answer is a 400 naming each one and nothing is stored.
 */
@Path("/api/siem/alerts")
@Tag(name = "SIEM intake")
public class SiemResource {
    private final AlertIntake intake;
    private final IntakeConfig config;
    private final TenantContext context;
    private final MeterRegistry metrics;
    private final Clock clock;

    public SiemResource(AlertIntake intake, IntakeConfig config, TenantContext context, MeterRegistry metrics,
            Clock clock) {
        this.intake = intake;
        this.config = config;
        this.context = context;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What became of each alert posted, in the body's order. */
    public record Accepted(List<AlertOutcome> alerts) {
    }

    /**
     * One alert: its id here (null only when another instance stored the same alert at the same moment), whether it
     * was known already, what the intake did with it; and, for a caller who may read incidents (a responder posting by
     * hand), its incident and the assets it matched (a SIEM account gets neither: it sends, it does not read).
     */
    public record AlertOutcome(UUID id, boolean duplicate, UUID incidentId, String disposition, List<UUID> assetIds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SIEM_INGEST, Roles.INCIDENT_RESPONDER })
    @Operation(operationId = "postSiemAlerts", summary = "Send one SIEM alert or an array of them (Wazuh, Elastic"
            + " Security, OCSF 2004/2005, Splunk webhook, Sentinel incident; the format is detected unless named)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(description = "One alert document as the SIEM writes it, or an array of up to"
                    + " incident.intake.max-alerts-per-request of them")))
    @APIResponse(responseCode = "202", description = "Stored (or known already), matched and correlated",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Not JSON, too many alerts, or an alert of no known format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> post(String body,
            @RestQuery @Schema(enumeration = { "wazuh", "elastic", "ocsf", "splunk", "sentinel" }) String format,
            @RestHeader("X-Alert-Format") String formatHeader) {
        String tenant = context.tenant();
        AlertDocuments.Read read = AlertDocuments.read(body, format != null ? format : formatHeader,
                config.maxAlertsPerRequest(), Clocks.now(clock));
        if (!read.clean()) {
            metrics.counter("isms.siem.requests", "door", "http", "outcome", "refused").increment();
            throw new InvalidInputException(read.describe(), read.errors().stream()
                    .map(f -> new Problem.FieldError(f.where().startsWith("[") ? "alerts" + f.where() : f.where(),
                            f.message())).toList());
        }
        List<Received> batch = read.alerts().stream()
                .map(a -> new Received(tenant, a, read.single() ? body.strip() : null)).toList();
        boolean reader = context.caller().has(Roles.READER);
        return intake.ingest(batch)
                .onFailure(AlertIntake::refused)
                .transform(f -> new InvalidInputException("alerts", "a value of the alerts is one the database cannot"
                        + " store (a \\u0000, say, or a text too long for its index); nothing was stored"))
                .map(outcomes -> {
            metrics.counter("isms.siem.alerts", "door", "http", "outcome", "read").increment(outcomes.size());
            // a SIEM account sends and reads nothing: the incident and the assets an alert matched are for readers
            return Response.accepted(new Accepted(outcomes.stream().map(o -> new AlertOutcome(o.alertId(),
                    o.duplicate(), reader ? o.incidentId() : null,
                    o.disposition() == null ? null : o.disposition().name(),
                    reader ? o.assetIds() : null)).toList())).build();
        });
    }
}
