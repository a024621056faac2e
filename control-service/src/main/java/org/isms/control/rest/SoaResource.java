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
import org.isms.platform.http.OffEventLoop;
import org.isms.platform.http.Responses;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.isms.platform.error.InvalidInputException;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

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
    @Produces({ Responses.CSV, SoaXlsx.MEDIA_TYPE, SoaPdf.MEDIA_TYPE, SoaOscal.MEDIA_TYPE })
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportSoa", summary = "The current statement as a file: format csv (default), xlsx, pdf"
            + " or oscal (an OSCAL 1.1.3 System Security Plan in JSON)")
    public Uni<Response> export(@RestQuery String format) {
        Format f = Format.of(format);
        return soa.current(context.tenant())
                .chain(s -> OffEventLoop.run(() -> f.download(context.tenant(), "soa-current", s)));
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
    @Produces({ Responses.CSV, SoaXlsx.MEDIA_TYPE, SoaPdf.MEDIA_TYPE, SoaOscal.MEDIA_TYPE })
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "exportSoaVersion", summary = "One published version as a file: format csv (default),"
            + " xlsx, pdf or oscal")
    public Uni<Response> exportVersion(@RestPath int n, @RestQuery String format) {
        Format f = Format.of(format);
        return soa.version(context.tenant(), n)
                .chain(s -> OffEventLoop.run(() -> f.download(context.tenant(), "soa-v" + n, s)));
    }

    /** The file formats of a statement. */
    enum Format {
        CSV("csv", Responses.CSV + "; charset=UTF-8"), XLSX("xlsx", SoaXlsx.MEDIA_TYPE), PDF("pdf", SoaPdf.MEDIA_TYPE),
        OSCAL("oscal.json", SoaOscal.MEDIA_TYPE);

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        static Format of(String format) {
            if (format == null || format.isBlank()) {
                return CSV;
            }
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(format.strip())) {
                    return f;
                }
            }
            throw new InvalidInputException("format", "'" + format + "' is not one of csv, xlsx, pdf, oscal");
        }

        Response download(String tenant, String name, Statement s) {
            Object body = switch (this) {
                case CSV -> SoaCsv.write(s);
                case XLSX -> SoaXlsx.write(tenant, s);
                case PDF -> SoaPdf.write(tenant, s);
                case OSCAL -> SoaOscal.write(tenant, s);
            };
            return Response.ok(body, mediaType)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "." + extension + "\"").build();
        }
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
