package org.isms.risk.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.platform.paging.TenantRepository;
import org.isms.risk.domain.Risk;

/** The risk register. */
@ApplicationScoped
public class RiskRepository implements TenantRepository<Risk, UUID> {
    private static final String REGISTER = "risk-register";
    // "now" and "today" come from the service's clock, never from the database's, so tests can move time
    private static final String DUE_ACCEPTANCES = """
            select cast(id as text) from risk
             where status = 'ACCEPTED' and acceptance_expires_at <= :now
             order by acceptance_expires_at limit :n for update skip locked""";
    private static final String DUE_REVIEWS = """
            select cast(id as text) from risk
             where status <> 'CLOSED' and next_review_due < :today
               and overdue_flagged_for is distinct from next_review_due
             order by next_review_due limit :n for update skip locked""";

    /**
     * Serializes the register writes of one tenant (until the transaction ends), so a methodology
     * change and an assessment cannot rate the same risk under two versions.
     */
    public Uni<Void> lockTenant(String tenant) {
        return lockTenant(REGISTER, tenant);
    }

    /**
     * For the review flags asset events raise: any number at once (one per partition of the asset topic), none
     * while a register write holds {@link #lockTenant}; each locks the risks it flags ({@link #openOnAssetForUpdate}).
     */
    public Uni<Void> lockTenantShared(String tenant) {
        return lockTenantShared(REGISTER, tenant);
    }

    /**
     * The tenant's risks on an asset that are not closed, locked until the transaction ends (in id order: two
     * flags of risks on several assets wait for each other, never deadlock).
     */
    public Uni<List<Risk>> openOnAssetForUpdate(String tenant, UUID assetId) {
        return find("tenantId = :tenant and array_contains(assetIds, :asset) and status <> 'CLOSED' order by id",
                Map.of("tenant", tenant, "asset", assetId.toString())).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * The tenant's risks whose treatment plan names the control and that are not closed, locked until the transaction
     * ends (in id order, as {@link #openOnAssetForUpdate}).
     */
    public Uni<List<Risk>> openCallingForUpdate(String tenant, String controlId) {
        return find("tenantId = :tenant and array_contains(controlIds, :control) and status <> 'CLOSED' order by id",
                Map.of("tenant", tenant, "control", controlId)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<Risk>> open(String tenant) {
        return list("tenantId = :tenant and status <> 'CLOSED' order by id", Map.of("tenant", tenant));
    }

    /** Whether any risk refers to a catalog entry. */
    public Uni<Boolean> refersTo(UUID entryId) {
        return count("threatId = ?1 or vulnerabilityId = ?1", entryId).map(n -> n > 0);
    }

    /**
     * Up to {@code n} accepted risks whose acceptance ran out, locked for this transaction; rows another
     * instance holds are skipped, so two schedulers never act on the same risk.
     */
    public Uni<List<Risk>> claimExpiredAcceptances(java.time.OffsetDateTime now, int n) {
        return claim(DUE_ACCEPTANCES, "now", now, n);
    }

    /** Up to {@code n} open risks past their review date not yet flagged for it, locked as above. */
    public Uni<List<Risk>> claimOverdueReviews(java.time.LocalDate today, int n) {
        return claim(DUE_REVIEWS, "today", today, n);
    }

    private Uni<List<Risk>> claim(String sql, String timeParam, Object time, int n) {
        return getSession().chain(s -> s.createNativeQuery(sql, String.class).setParameter(timeParam, time)
                .setParameter("n", n).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Risk>of())
                        : list("id in ?1 order by id", ids.stream().map(UUID::fromString).toList()));
    }
}
