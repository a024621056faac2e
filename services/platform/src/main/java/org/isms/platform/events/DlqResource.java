package org.isms.platform.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.QueryParams;
import org.isms.platform.security.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** Operations: feed this service's dead-letter topic back through its consumers (admins only). */
@Path("/ops/dlq")
@Produces(MediaType.APPLICATION_JSON)
public class DlqResource {
    static final int MAX_LIMIT = 10_000;

    private final DlqReplay replay;

    public DlqResource(DlqReplay replay) {
        this.replay = replay;
    }

    @POST
    @Path("/replay")
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replayDeadLetters", summary = "Replay the dead-letter topic through the idempotent inbox;"
            + " what is applied meanwhile is a duplicate, what still fails stays and is listed")
    public DlqReplay.Result replay(@RestQuery Integer limit, @RestQuery String fromBeginning) {
        int n = limit == null ? 1000 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        boolean all = Boolean.TRUE.equals(QueryParams.booleanValue("fromBeginning", fromBeginning));
        if (replay.dlqTopic().isEmpty()) {
            throw new ResourceNotFoundException("dead-letter topic", "of this service");
        }
        return replay.replay(n, all);
    }
}
