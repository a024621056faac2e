package org.isms.risk.schedule;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.isms.risk.service.RiskReviews;
import org.jboss.logging.Logger;

/**
 * The register's timed work: expired acceptances re-open their risks, and reviews past their date are
 * flagged. Every instance runs it; each batch claims its rows with {@code FOR UPDATE SKIP LOCKED} and the
 * claim conditions exclude what another instance already did, so two instances never act on the same risk
 * twice. A run works through batches until one comes back short.
 */
@ApplicationScoped
public class RiskSchedule {
    private static final Logger LOG = Logger.getLogger(RiskSchedule.class);

    private final RiskReviews reviews;
    private final int batch;

    public RiskSchedule(RiskReviews reviews,
            @ConfigProperty(name = "risk.schedule.batch", defaultValue = "100") int batch) {
        this.reviews = reviews;
        this.batch = batch;
    }

    @Scheduled(identity = "risk-register", every = "${risk.schedule.every:60s}", delayed = "${risk.schedule.delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return drain(() -> reviews.expireAcceptances(batch), "acceptance(s) expired", 0)
                .chain(() -> drain(() -> reviews.flagOverdueReviews(batch), "review(s) flagged overdue", 0));
    }

    private Uni<Void> drain(java.util.function.Supplier<Uni<Integer>> step, String what, int done) {
        return step.get().chain(n -> {
            if (n == batch) {
                return drain(step, what, done + n);
            }
            if (done + n > 0) {
                LOG.infof("%d %s", done + n, what);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
