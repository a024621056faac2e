package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * The published Statements of Applicability: a row per version, its entries as one {@code jsonb} document, never
 * updated. Plain SQL (no entity): a version is written once and read whole.
 */
@ApplicationScoped
public class SoaVersionRepository {
    /** A version's header and its entries as the JSON text stored. */
    public record Row(int number, OffsetDateTime publishedAt, String publishedBy, String publishedById, String note,
            String entries) {
    }

    /** The tenant's next version number (the caller holds the tenant's SoA lock). */
    public Uni<Integer> nextNumber(String tenant) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select coalesce(max(number), 0) + 1 from soa_version where tenant_id = :tenant",
                Integer.class).setParameter("tenant", tenant).getSingleResult());
    }

    public Uni<Integer> insert(String tenant, Row row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into soa_version (tenant_id, number, published_at, published_by, published_by_id, note, entries)
                values (:tenant, :number, :at, :by, :byId, :note, cast(cast(:entries as text) as jsonb))""")
                .setParameter("tenant", tenant).setParameter("number", row.number()).setParameter("at", row.publishedAt())
                .setParameter("by", row.publishedBy()).setParameter("byId", row.publishedById())
                .setParameter("note", row.note()).setParameter("entries", row.entries()).executeUpdate());
    }

    /** The tenant's versions, newest first, without their entries. */
    public Uni<List<Row>> list(String tenant) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select number, published_at, published_by, published_by_id, note, null"
                + " from soa_version where tenant_id = :tenant order by number desc", Object[].class)
                .setParameter("tenant", tenant).getResultList()).map(rows -> rows.stream().map(SoaVersionRepository::row)
                        .toList());
    }

    /** One version with its entries; null when the tenant has none of that number. */
    public Uni<Row> get(String tenant, int number) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select number, published_at, published_by, published_by_id, note,"
                + " cast(entries as text) from soa_version where tenant_id = :tenant and number = :number",
                Object[].class).setParameter("tenant", tenant).setParameter("number", number).getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    private static Row row(Object[] r) {
        return new Row(((Number) r[0]).intValue(), offset(r[1]), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5]);
    }

    private static OffsetDateTime offset(Object v) {
        return v instanceof OffsetDateTime o ? o : v instanceof java.time.Instant i
                ? i.atOffset(java.time.ZoneOffset.UTC) : OffsetDateTime.parse(v.toString());
    }
}
