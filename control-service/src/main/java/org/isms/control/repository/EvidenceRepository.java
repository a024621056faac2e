package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.control.domain.Evidence;
import org.isms.control.domain.EvidenceRevision;
import org.isms.control.domain.EvidenceSummary;
import org.isms.platform.paging.TenantRepository;

/** Evidence, its revisions and their bytes; every query names the tenant (the expiry job's claim names the rows). */
@ApplicationScoped
public class EvidenceRepository implements TenantRepository<Evidence, Evidence.Key> {
    /** From {@code evidence_control}, which the database keeps from {@code evidence}: one index range per control. */
    private static final String SUMMARY = """
            select control_id, count(*) filter (where (expires_at is null or expires_at >= :today)
                                                   and (valid_from is null or valid_from <= :today)),
                               count(*) filter (where expires_at < :today)
              from evidence_control
             where tenant_id = :tenant""";

    public Uni<Evidence> find(String tenant, UUID id) {
        return findById(new Evidence.Key(tenant, id));
    }

    /** The evidence, its row locked until the transaction ends (null when the tenant has none of that id). */
    public Uni<Evidence> findForUpdate(String tenant, UUID id) {
        return findById(new Evidence.Key(tenant, id), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** For each control of the tenant with evidence, how much is valid and how much expired on {@code today}. */
    public Uni<Map<String, EvidenceSummary>> summaries(String tenant, LocalDate today) {
        return summaries(SUMMARY + " group by control_id", Map.of("tenant", tenant, "today", today));
    }

    public Uni<EvidenceSummary> summary(String tenant, String controlId, LocalDate today) {
        return summaries(SUMMARY + " and control_id = :control group by control_id",
                Map.of("tenant", tenant, "today", today, "control", controlId))
                .map(m -> m.getOrDefault(controlId, EvidenceSummary.NONE));
    }

    private Uni<Map<String, EvidenceSummary>> summaries(String sql, Map<String, Object> params) {
        return getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        }).map(rows -> {
            Map<String, EvidenceSummary> m = new HashMap<>();
            rows.forEach(r -> m.put((String) r[0], new EvidenceSummary(((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue())));
            return m;
        });
    }

    public Uni<List<EvidenceRevision>> revisions(String tenant, UUID id) {
        return getSession().chain(s -> s.createSelectionQuery("from EvidenceRevision where tenantId = :tenant"
                + " and evidenceId = :id order by revision", EvidenceRevision.class)
                .setParameter("tenant", tenant).setParameter("id", id).getResultList());
    }

    public Uni<EvidenceRevision> revision(String tenant, UUID id, int revision) {
        return getSession().chain(s -> s.createSelectionQuery("from EvidenceRevision where tenantId = :tenant"
                + " and evidenceId = :id and revision = :revision", EvidenceRevision.class)
                .setParameter("tenant", tenant).setParameter("id", id).setParameter("revision", revision)
                .getResultList()).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Stores a revision's facts and its bytes. */
    public Uni<Void> store(EvidenceRevision r, byte[] content) {
        return getSession().chain(s -> s.persist(r).chain(s::flush).chain(() -> s.createNativeQuery(
                "insert into evidence_content (tenant_id, evidence_id, revision, content) values (:t, :e, :r, :c)")
                .setParameter("t", r.tenantId).setParameter("e", r.evidenceId).setParameter("r", r.revision)
                .setParameter("c", content).executeUpdate())).replaceWithVoid();
    }

    /** The bytes of a revision; null when there is none. */
    public Uni<byte[]> content(String tenant, UUID id, int revision) {
        return getSession().chain(s -> s.createNativeQuery("select content from evidence_content where tenant_id = :t"
                + " and evidence_id = :e and revision = :r", byte[].class).setParameter("t", tenant)
                .setParameter("e", id).setParameter("r", revision).getResultList())
                .map(l -> l.isEmpty() ? null : l.get(0));
    }

    /**
     * Up to {@code n} pieces of evidence whose expiry date has passed and was not announced yet, locked for this
     * transaction; rows another instance holds are skipped, so two instances never announce the same expiry.
     */
    public Uni<List<Evidence>> claimExpired(LocalDate today, int n) {
        return getSession().chain(s -> s.createNativeQuery("""
                select * from evidence where expires_at < :today and expiry_announced is distinct from expires_at
                 order by expires_at, tenant_id, id limit :n for update skip locked""", Evidence.class)
                .setParameter("today", today).setParameter("n", n).getResultList());
    }
}
