package org.isms.risk.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.MalformedEventException;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.AssetDeleted;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.AssetStatusChanged;
import org.isms.events.asset.AssetUpdated;
import org.isms.events.asset.Cia;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.repository.AssetProjectionRepository;

/**
 * Applies asset events to the projection. Runs inside the inbox's transaction; a payload that lacks
 * what its type promises, or names another asset than the event's subject, is malformed. Every write is
 * scoped to the event's tenant (the projection's key), so no event reaches another tenant's assets. An event
 * older than the asset's state the projection holds (its version is lower: a dead-lettered event replayed after
 * later ones were applied) changes nothing and flags nothing.
 */
@ApplicationScoped
public class AssetProjectionService {
    private static final Set<String> TYPES = Set.of(EventTypes.ASSET_REGISTERED, EventTypes.ASSET_UPDATED,
            EventTypes.ASSET_STATUS_CHANGED, EventTypes.ASSET_CLASSIFIED, EventTypes.ASSET_DEPENDENCIES_CHANGED,
            EventTypes.ASSET_DELETED);
    private static final Set<String> RETIRED = Set.of("RETIRED", "DISPOSED");

    private final AssetProjectionRepository assets;
    private final RiskReviews reviews;

    public AssetProjectionService(AssetProjectionRepository assets, RiskReviews reviews) {
        this.assets = assets;
        this.reviews = reviews;
    }

    /** Whether this is an asset event type this version knows. */
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    /**
     * Applies the event to the projection, then flags the open risks of the asset when its effective
     * classification changed, or it was retired, disposed of or deleted.
     */
    public Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.ASSET_REGISTERED -> snapshot(event, event.payload(AssetRegistered.class).asset())
                    .replaceWithVoid();
            case EventTypes.ASSET_UPDATED -> snapshot(event, event.payload(AssetUpdated.class).asset()).replaceWithVoid();
            case EventTypes.ASSET_STATUS_CHANGED -> {
                AssetStatusChanged c = event.payload(AssetStatusChanged.class);
                require(c.to() != null, event, "to");
                boolean retired = RETIRED.contains(c.to()) && !c.to().equals(c.from());
                yield snapshot(event, c.asset()).chain(n -> n > 0 && retired
                        ? flag(event, c.asset().assetId(), ReviewReason.Kind.ASSET_RETIRED, "asset " + c.asset().name()
                                + " " + c.to().toLowerCase().replace("disposed", "disposed of") + " (" + c.from()
                                + "→" + c.to() + ")")
                        : Uni.createFrom().voidItem());
            }
            case EventTypes.ASSET_CLASSIFIED -> {
                AssetClassified c = event.payload(AssetClassified.class);
                require(c.assetId() != null && c.name() != null && valid(c.effective()), event, "assetId, name, effective");
                require(c.assetId().toString().equals(event.subject()), event, "assetId equal to the subject");
                yield assets.effectiveOf(event.tenant(), c.assetId()).chain(was -> assets
                        .applyRatings(event, c.assetId(), c.name(), c.effective(), c.version())
                        .chain(n -> n == 0 || was == null || was.equals(c.effective()) ? Uni.createFrom().voidItem()
                                : flag(event, c.assetId(), ReviewReason.Kind.ASSET_CLASSIFIED,
                                        "classification changed " + changes(was, c.effective()) + " (" + c.name() + ")")));
            }
            case EventTypes.ASSET_DELETED -> {
                AssetDeleted d = event.payload(AssetDeleted.class);
                require(d.assetId() != null && d.assetId().toString().equals(event.subject()), event,
                        "assetId equal to the subject");
                // an asset never known here has no risks: nothing to do
                yield assets.markDeleted(event, d.assetId(), d.asset() == null ? null : d.asset().version())
                        .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                                : flag(event, d.assetId(), ReviewReason.Kind.ASSET_DELETED, "asset " + d.name()
                                        + " deleted from the inventory"));
            }
            default -> Uni.createFrom().voidItem(); // dependencies: nothing risk-service keeps
        };
    }

    private Uni<Void> flag(EventEnvelope event, UUID assetId, ReviewReason.Kind kind, String reason) {
        return reviews.flagRisksOfAsset(event.tenant(), assetId,
                new ReviewReason(kind, reason, event.time(), event.type(), event.id())).replaceWithVoid();
    }

    /** "C2→C4, A1→A3": the effective ratings that moved. */
    static String changes(Cia was, Cia now) {
        List<String> moved = new ArrayList<>();
        move(moved, "C", was.confidentiality(), now.confidentiality());
        move(moved, "I", was.integrity(), now.integrity());
        move(moved, "A", was.availability(), now.availability());
        return String.join(", ", moved);
    }

    private static void move(List<String> moved, String p, int from, int to) {
        if (from != to) {
            moved.add(p + from + "→" + p + to);
        }
    }

    /** Applies the snapshot; the rows written (0: the projection holds a later version of the asset). */
    private Uni<Integer> snapshot(EventEnvelope event, AssetSnapshot a) {
        require(a != null && a.assetId() != null && a.name() != null && valid(a.effective()), event,
                "asset.assetId, asset.name, asset.effective");
        require(a.assetId().toString().equals(event.subject()), event, "asset.assetId equal to the subject");
        return assets.applySnapshot(event, a);
    }

    private static void require(boolean ok, EventEnvelope event, String what) {
        if (!ok) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") lacks " + what, null);
        }
    }

    private static boolean valid(Cia c) {
        return c != null && in(c.confidentiality()) && in(c.integrity()) && in(c.availability());
    }

    private static boolean in(int rating) {
        return rating >= 1 && rating <= 4;
    }
}
