package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.isms.control.domain.ControlChange;
import org.isms.platform.paging.TenantRepository;

/** Controls' history; every query names the tenant. */
@ApplicationScoped
public class ControlChangeRepository implements TenantRepository<ControlChange, UUID> {

    /** The control's history, oldest first, at most {@code limit} entries (the latest). */
    public Uni<List<ControlChange>> history(String tenant, String controlId, int limit) {
        return find("tenantId = ?1 and controlId = ?2 order by seq desc", tenant, controlId).page(0, limit).list()
                .map(l -> l.reversed());
    }
}
