package org.isms.control.schedule;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.isms.control.config.EvidenceConfig;
import org.isms.control.service.EvidenceExpiry;
import org.jboss.logging.Logger;

/**
 * Announces expired evidence. Every instance runs it; each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}
 * and the claim excludes what was announced already, so an expiry is announced once however many instances run. A
 * run works through batches until one comes back short.
 */
@ApplicationScoped
public class EvidenceSchedule {
    private static final Logger LOG = Logger.getLogger(EvidenceSchedule.class);

    private final EvidenceExpiry evidence;
    private final EvidenceConfig config;

    public EvidenceSchedule(EvidenceExpiry evidence, EvidenceConfig config) {
        this.evidence = evidence;
        this.config = config;
    }

    @Scheduled(identity = "evidence-expiry", every = "${control.schedule.every:60s}",
            delayed = "${control.schedule.delay:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return drain(0);
    }

    private Uni<Void> drain(int done) {
        return evidence.announceExpired().chain(n -> {
            if (n == config.batch()) {
                return drain(done + n);
            }
            if (done + n > 0) {
                LOG.infof("%d piece(s) of evidence expired", done + n);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
