package org.isms.control.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.isms.control.rest.ControlDtos.PublishRequest;
import org.isms.control.service.Soa;
import org.isms.control.service.Soa.Difference;
import org.isms.control.service.Soa.Statement;
import org.isms.control.service.Soa.Version;
import org.isms.platform.error.Problem;
import org.isms.platform.http.Responses;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The Statement of Applicability: derived live from the controls and the risks that call for them, published as
 * numbered versions (security officers and admins) and compared version to version. Everyone with an ISMS role reads.
 */
@Path("/api/soa")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statement of Applicability")
public class SoaResource {
    private final Soa soa;
    private final TenantContext context;

    public SoaResource(Soa soa, TenantContext context) {
        this.soa = soa;
        this.context = context;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "currentSoa", summary = "The statement as it stands: every Annex A control and the"
            + " tenant's own, with applicability, reason, status, effectiveness and the risks that call for each")
    public Uni<Statement> current() {
        return soa.current(context.tenant());
    }

    @GET
    @Path("/export")
    @Produces(Responses.CSV)
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportSoa", summary = "The current statement as CSV")
    public Uni<Response> export() {
        return soa.current(context.tenant()).map(s -> SoaCsv.download("soa-current.csv", s));
    }

    @POST
    @Path("/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "publishSoa", summary = "Freeze the statement as the next numbered version, approved by"
            + " the caller; refused (409) while a control is undecided or included without a reason")
    @APIResponse(responseCode = "201", description = "Published; Location set",
            content = @Content(schema = @Schema(implementation = Statement.class)))
    @APIResponse(responseCode = "409", description = "The statement is not complete",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publish(@Valid PublishRequest r) {
        return soa.publish(context.caller(), r == null ? null : r.note())
                .map(s -> Responses.created("/api/soa/versions/" + s.number(), s, s.number()));
    }

    @GET
    @Path("/versions")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "soaVersions", summary = "The published versions, newest first")
    public Uni<List<Version>> versions() {
        return soa.versions(context.tenant());
    }

    @GET
    @Path("/versions/{n}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "soaVersion", summary = "One published version, as it was published")
    public Uni<Statement> version(@RestPath int n) {
        return soa.version(context.tenant(), n);
    }

    @GET
    @Path("/versions/{n}/export")
    @Produces(Responses.CSV)
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportSoaVersion", summary = "One published version as CSV")
    public Uni<Response> exportVersion(@RestPath int n) {
        return soa.version(context.tenant(), n).map(s -> SoaCsv.download("soa-v" + n + ".csv", s));
    }

    @GET
    @Path("/versions/{a}/diff/{b}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "soaDiff", summary = "What changed from version a to version b, control by control and"
            + " field by field")
    public Uni<List<Difference>> diff(@RestPath int a, @RestPath int b) {
        return soa.diff(context.tenant(), a, b);
    }
}
