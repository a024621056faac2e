package org.isms.risk.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.isms.events.EventEnvelope;
import org.isms.events.control.ControlSnapshot;
import org.isms.platform.paging.TenantRepository;
import org.isms.risk.domain.ControlProjection;

/**
 * The control projection. Writes are upserts on (tenant, control id): an event of one tenant writes that tenant's
 * row and never another's.
 */
@ApplicationScoped
public class ControlProjectionRepository implements TenantRepository<ControlProjection, ControlProjection.Key> {
    private static final String SNAPSHOT = """
            insert into control_projection as p (tenant_id, control_id, title, applicable, status, effectiveness,
                control_version, last_event_id, last_event_at)
            values (:tenant, :id, :title, :applicable, :status, :effectiveness, :version, :event, :at)
            on conflict (tenant_id, control_id) do update set title = excluded.title, applicable = excluded.applicable,
                status = excluded.status, effectiveness = excluded.effectiveness,
                control_version = excluded.control_version, last_event_id = excluded.last_event_id,
                last_event_at = excluded.last_event_at
             where excluded.control_version >= p.control_version""";

    /** Applies the snapshot; the rows written (0: the projection holds a later version of the control). */
    public Uni<Integer> apply(EventEnvelope event, ControlSnapshot c) {
        return getSession().chain(s -> s.createNativeQuery(SNAPSHOT)
                .setParameter("tenant", event.tenant()).setParameter("id", c.controlId())
                .setParameter("title", c.title()).setParameter("applicable", c.applicable())
                .setParameter("status", c.status()).setParameter("effectiveness", c.effectiveness().result())
                .setParameter("version", c.version()).setParameter("event", event.id())
                .setParameter("at", event.time()).executeUpdate());
    }

    /** The tenant's controls of these ids that the projection knows, by id. */
    public Uni<Map<String, ControlProjection>> byId(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("tenantId = :tenant and controlId in :ids", Map.of("tenant", tenant, "ids", ids))
                .map(l -> l.stream().collect(Collectors.toMap(c -> c.controlId, Function.identity())));
    }
}
