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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.control.rest.EvidenceDtos.EvidenceRequest;
import org.isms.control.rest.EvidenceDtos.EvidenceView;
import org.isms.control.service.EvidenceService;
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
 * Evidence of the tenant's controls: links and files (each upload a new revision, the old ones kept), valid between
 * two dates. Everyone with an ISMS role reads and downloads; security officers and admins record evidence for any
 * control, a risk owner for the controls they own.
 */
@Path("/api/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
public class EvidenceResource {
    static final Set<String> SORTABLE = Set.of("title", "expiresAt", "validFrom", "createdAt", "updatedAt");

    private final EvidenceService evidence;
    private final TenantContext context;

    public EvidenceResource(EvidenceService evidence, TenantContext context) {
        this.evidence = evidence;
        this.context = context;
    }

    /** The list's filters. */
    public static class FilterParams {
        @RestQuery
        public String controlId;
        @RestQuery
        @Schema(description = "true: expires within the next control.evidence.expiring-days (30), not yet expired")
        public String expiring;
        @RestQuery
        public String expired;

        EvidenceService.Filter toFilter() {
            return new EvidenceService.Filter(controlId, QueryParams.booleanValue("expiring", expiring),
                    QueryParams.booleanValue("expired", expired));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "recordEvidence", summary = "Record evidence for controls: a LINK, or a FILE whose"
            + " revisions are then uploaded")
    @APIResponse(responseCode = "201", description = "Recorded; Location and ETag set",
            content = @Content(schema = @Schema(implementation = EvidenceView.class)))
    public Uni<Response> create(@Valid @NotNull EvidenceRequest r) {
        return evidence.create(context.caller(), EvidenceDtos.draft(r))
                .map(d -> Responses.created("/api/evidence/" + d.evidence().id, EvidenceDtos.view(d),
                        d.evidence().version));
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listEvidence", summary = "The tenant's evidence, filtered (controlId, expiring, expired),"
            + " sorted and paged")
    public Uni<Page<EvidenceView>> list(@BeanParam PageParams paging, @BeanParam FilterParams filter) {
        return evidence.list(context.tenant(), filter.toFilter(), paging.toRequest("title", SORTABLE))
                .map(p -> p.map(e -> EvidenceDtos.view(new EvidenceService.Details(e, java.util.List.of()))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getEvidence", summary = "One piece of evidence with its revisions, and its ETag")
    public Uni<Response> get(@RestPath UUID id) {
        return evidence.get(context.tenant(), id)
                .map(d -> Responses.tagged(EvidenceDtos.view(d), d.evidence().version));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "changeEvidence", summary = "Change the title, controls, dates or link (If-Match)")
    public Uni<Response> update(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull EvidenceRequest r) {
        long version = Preconditions.ifMatch(ifMatch);
        return evidence.update(context.caller(), id, version, EvidenceDtos.draft(r))
                .map(d -> Responses.tagged(EvidenceDtos.view(d), d.evidence().version));
    }

    @POST
    @Path("/{id}/revisions")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.RISK_OWNER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    @Operation(operationId = "uploadEvidence", summary = "Upload a file as the next revision: the body is the file,"
            + " Content-Type its type (PDF, PNG, JPEG, Office, ZIP, text, CSV, JSON; checked against its bytes),"
            + " filename its name")
    @APIResponse(responseCode = "201", description = "Uploaded; Location names the revision's content",
            content = @Content(schema = @Schema(implementation = EvidenceView.class)))
    public Uni<Response> upload(@RestPath UUID id, @RestQuery String filename,
            @RestHeader("Content-Type") String contentType, byte[] body) {
        return evidence.upload(context.caller(), id, filename, contentType, body)
                .map(d -> Responses.created("/api/evidence/" + id + "/revisions/" + d.evidence().revision + "/content",
                        EvidenceDtos.view(d), d.evidence().version));
    }

    @GET
    @Path("/{id}/revisions/{revision}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "downloadEvidence", summary = "The stored bytes of a revision, with their SHA-256"
            + " (Repr-Digest, RFC 9530)")
    public Uni<Response> download(@RestPath UUID id, @RestPath int revision) {
        return evidence.content(context.tenant(), id, revision).map(c -> Response.ok(c.bytes(), c.revision().contentType)
                .header("Content-Disposition", "attachment; filename=\"" + c.revision().fileName.replace("\"", "'")
                        + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        HexFormat.of().parseHex(c.revision().sha256)) + ":")
                .header("X-Content-SHA256", c.revision().sha256).build());
    }
}
