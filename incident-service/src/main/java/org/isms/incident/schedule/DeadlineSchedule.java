package org.isms.incident.schedule;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.isms.incident.config.ClocksConfig;
import org.isms.incident.service.DeadlineWatch;
import org.jboss.logging.Logger;

/** Runs the deadline watch; every instance does, each run works through batches until one comes back short. */
@ApplicationScoped
public class DeadlineSchedule {
    private static final Logger LOG = Logger.getLogger(DeadlineSchedule.class);

    private final DeadlineWatch watch;
    private final ClocksConfig config;

    public DeadlineSchedule(DeadlineWatch watch, ClocksConfig config) {
        this.watch = watch;
        this.config = config;
    }

    @Scheduled(identity = "incident-deadlines", every = "${incident.clocks.every:60s}",
            delayed = "${incident.clocks.delay:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return drain(0);
    }

    private Uni<Void> drain(int done) {
        return watch.announce().chain(n -> {
            if (n == config.batch()) {
                return drain(done + n);
            }
            if (done + n > 0) {
                LOG.infof("%d regulatory deadline(s) announced", done + n);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
