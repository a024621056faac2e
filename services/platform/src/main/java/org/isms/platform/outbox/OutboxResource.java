package org.isms.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.isms.platform.security.Roles;

/**
 * Operations view of this service's outbox: how many events wait to be published and since when. A
 * growing backlog means Kafka is unreachable or the relay is stuck. Not tenant data, so not scoped.
 */
@Path("/ops/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {
    private final Pool pool;
    private final OutboxRelay relay;

    public OutboxResource(Pool pool, OutboxRelay relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /** What the outbox holds now. */
    public record OutboxStatus(long pending, OffsetDateTime oldestPendingSince, long failedAttempts,
            String lastError, long publishedByThisInstance) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SECURITY_OFFICER })
    @Operation(operationId = "getOutboxStatus", summary = "Events waiting to be published to Kafka")
    public Uni<OutboxStatus> status() {
        return pool.query("""
                select count(*) as pending, min(created_at) as oldest, coalesce(sum(attempts), 0) as attempts,
                       (select last_error from outbox where sent_at is null and last_error is not null
                         order by id desc limit 1) as last_error
                  from outbox where sent_at is null""").execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new OutboxStatus(r.getLong("pending"), r.getOffsetDateTime("oldest"),
                            r.getLong("attempts"), r.getString("last_error"), relay.published());
                });
    }
}
