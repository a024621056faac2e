package org.isms.risk.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.MalformedEventException;
import org.isms.events.incident.IncidentEscalated;
import org.isms.events.incident.IncidentOpened;
import org.isms.events.incident.IncidentSnapshot;
import org.isms.risk.domain.ReviewReason;

/**
 * An incident re-opens the risks of what it hit: when one is opened or escalated, every open risk of each asset it
 * names is flagged for re-assessment with the reason "incident INC-… hit C/I/A" (ISO/IEC 27001:2022 8.2: assess
 * again when significant changes occur; 27035's "learn"), the event named as the cause. Inside the inbox's
 * transaction; a risk already flagged by the same event is left alone.
 */
@ApplicationScoped
public class IncidentFlags {
    private static final Set<String> TYPES = Set.of(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_ESCALATED);

    private final RiskReviews reviews;

    public IncidentFlags(RiskReviews reviews) {
        this.reviews = reviews;
    }

    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    public Uni<Void> apply(EventEnvelope event) {
        IncidentSnapshot i = switch (event.type()) {
            case EventTypes.INCIDENT_OPENED -> event.payload(IncidentOpened.class).incident();
            case EventTypes.INCIDENT_ESCALATED -> event.payload(IncidentEscalated.class).incident();
            default -> null;
        };
        if (i == null || i.incidentId() == null || i.number() == null || !i.incidentId().toString().equals(event.subject())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") lacks an incident"
                    + " whose id is the subject", null);
        }
        List<UUID> assets = i.assetIds() == null ? List.of() : i.assetIds();
        ReviewReason reason = new ReviewReason(ReviewReason.Kind.INCIDENT, reason(i), event.time(), event.type(),
                event.id());
        return Multi.createFrom().iterable(assets)
                .onItem().transformToUniAndConcatenate(a -> reviews.flagRisksOfAsset(event.tenant(), a, reason))
                .collect().last().replaceWithVoid();
    }

    /** "incident INC-12 hit C/I (P1: Ransomware on file server)". */
    static String reason(IncidentSnapshot i) {
        List<String> cia = i.ciaHit() == null ? List.of() : i.ciaHit();
        return "incident " + i.number() + (cia.isEmpty() ? " on the asset (C/I/A not assessed yet)"
                : " hit " + String.join("/", cia)) + " (" + i.priority() + ": " + i.title() + ")";
    }
}
