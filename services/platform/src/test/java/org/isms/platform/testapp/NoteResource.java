package org.isms.platform.testapp;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageParams;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/notes")
public class NoteResource {
    private final NoteService service;
    private final TenantContext caller;

    public NoteResource(NoteService service, TenantContext caller) {
        this.service = service;
        this.caller = caller;
    }

    public record NoteRequest(@NotBlank @Size(max = 200) String text, @NotNull Note.Priority priority,
            @Min(1) @Max(4) int rating) {
    }

    public record NoteView(UUID id, String text, Note.Priority priority, int rating, Note.Status status,
            String createdBy, long version) {
        static NoteView of(Note n) {
            return new NoteView(n.id, n.text, n.priority, n.rating, n.status, n.createdBy, n.version);
        }
    }

    public record Transition(@NotNull Note.Status to) {
    }

    @POST
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<Response> create(@Valid @NotNull NoteRequest request) {
        return service.create(caller.tenant(), caller.caller().name(), request).map(n -> Response
                .created(URI.create("/api/notes/" + n.id)).tag(String.valueOf(n.version)).entity(NoteView.of(n))
                .build());
    }

    @POST
    @Path("/failing")
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<NoteView> createThenFail(@Valid @NotNull NoteRequest request) {
        return service.createThenFail(caller.tenant(), caller.caller().name(), request).map(NoteView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<Response> get(@RestPath UUID id) {
        return service.get(caller.tenant(), id)
                .map(n -> Response.ok(NoteView.of(n)).tag(String.valueOf(n.version)).build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<Page<NoteView>> list(@BeanParam PageParams paging, @RestQuery String status) {
        return service.list(caller.tenant(), QueryParams.enumValue(Note.Status.class, "status", status), paging.toRequest("createdAt", Set.of("createdAt", "text", "rating")))
                .map(p -> p.map(NoteView::of));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<NoteView> update(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull NoteRequest request) {
        long version = Preconditions.ifMatch(ifMatch);
        return service.update(caller.tenant(), id, version, request).map(NoteView::of);
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({ Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<NoteView> transition(@RestPath UUID id, @Valid @NotNull Transition transition) {
        return service.transition(caller.tenant(), id, transition.to()).map(NoteView::of);
    }

    @GET
    @Path("/boom")
    @RolesAllowed({ Roles.VIEWER, Roles.SECURITY_OFFICER, Roles.ADMIN })
    public Uni<NoteView> boom() {
        return Uni.createFrom().failure(new IllegalStateException(
                "SELECT secret FROM credentials WHERE org.isms.Internal failed"));
    }
}
