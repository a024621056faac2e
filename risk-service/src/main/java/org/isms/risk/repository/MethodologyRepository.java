package org.isms.risk.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** The versions of the tenants' methodologies (table {@code risk_methodology}). */
@ApplicationScoped
public class MethodologyRepository {
    /** One stored version: the definition is JSON (see {@code Methodology}). */
    public record Row(int version, String definition, String changedBy, String changedById, OffsetDateTime changedAt,
            String reason) {
    }

    private static final String SELECT = "select version, definition, changed_by, changed_by_id, changed_at, reason"
            + " from risk_methodology where tenant_id = :tenant";

    public Uni<Row> current(String tenant) {
        return rows(SELECT + " order by version desc limit 1", tenant, null).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Row> version(String tenant, int version) {
        return rows(SELECT + " and version = :version", tenant, version).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Every version, newest first. */
    public Uni<List<Row>> versions(String tenant) {
        return rows(SELECT + " order by version desc", tenant, null);
    }

    public Uni<Void> insert(String tenant, Row row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into risk_methodology (tenant_id, version,"
                + " definition, changed_by, changed_by_id, changed_at, reason) values (:tenant, :version, :definition,"
                + " :by, :byId, :at, :reason)")
                .setParameter("tenant", tenant).setParameter("version", row.version())
                .setParameter("definition", row.definition()).setParameter("by", row.changedBy())
                .setParameter("byId", row.changedById())
                .setParameter("at", row.changedAt()).setParameter("reason", row.reason()).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<List<Row>> rows(String sql, String tenant, Integer version) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("tenant", tenant);
            if (version != null) {
                q.setParameter("version", version);
            }
            return q.getResultList();
        }).map(list -> list.stream().map(r -> new Row(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                (String) r[3], toTime(r[4]), (String) r[5])).toList());
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
