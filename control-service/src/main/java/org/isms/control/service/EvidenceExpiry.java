package org.isms.control.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.isms.control.config.EvidenceConfig;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.Evidence;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.EvidenceRepository;
import org.isms.platform.time.Clocks;

/**
 * The expiry of evidence, announced once: each run claims the evidence whose last valid day has passed and whose
 * expiry was not announced yet ({@code FOR UPDATE SKIP LOCKED}, so instances running it together never take the same
 * row), marks the date it announced, writes a history entry on each of its controls and an
 * {@code isms.evidence.expired.v1} event naming the controls it left without any valid evidence.
 */
@ApplicationScoped
public class EvidenceExpiry {
    private final EvidenceRepository evidence;
    private final ControlChangeRepository changes;
    private final ControlEvents events;
    private final EvidenceConfig config;
    private final Clock clock;

    public EvidenceExpiry(EvidenceRepository evidence, ControlChangeRepository changes, ControlEvents events,
            EvidenceConfig config, Clock clock) {
        this.evidence = evidence;
        this.changes = changes;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** One batch of expiries (at most {@code control.evidence.batch}); the number announced. */
    @WithTransaction
    public Uni<Integer> announceExpired() {
        LocalDate today = Clocks.today(clock);
        return evidence.claimExpired(today, config.batch()).chain(list -> {
            list.forEach(e -> e.expiryAnnounced = e.expiresAt);
            // flushed first, so each event carries the version its row is written with
            return evidence.flush().chain(() -> Multi.createFrom().iterable(list)
                    .onItem().transformToUniAndConcatenate(e -> announce(e, today)).collect().last())
                    .replaceWith(list.size());
        });
    }

    /** One expiry: a history entry on each of its controls, and the event naming those left without evidence. */
    private Uni<Void> announce(Evidence e, LocalDate today) {
        String summary = "evidence '" + e.title + "' expired (valid until " + e.expiresAt + ")";
        List<String> without = new ArrayList<>();
        return Multi.createFrom().iterable(e.controls()).onItem().transformToUniAndConcatenate(c -> changes
                .persist(ControlChange.of(e.tenantId, c, ControlChange.Kind.EVIDENCE, summary, null, null,
                        Clocks.now(clock)))
                .chain(() -> evidence.summary(e.tenantId, c, today))
                .invoke(s -> {
                    if (s.valid() == 0) {
                        without.add(c);
                    }
                })).collect().last()
                .chain(() -> evidence.revision(e.tenantId, e.id, e.revision))
                .chain(current -> events.evidenceExpired(e, current, without));
    }
}
