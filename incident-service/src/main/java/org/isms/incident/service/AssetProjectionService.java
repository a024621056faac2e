package org.isms.incident.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
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
import org.isms.incident.repository.AssetProjectionRepository;

/**
 * Applies asset events to the projection alerts are matched on, inside the inbox's transaction. A payload that lacks
 * what its type promises, or names another asset than the event's subject, is malformed (dead-lettered).
 */
@ApplicationScoped
public class AssetProjectionService {
    private static final Set<String> TYPES = Set.of(EventTypes.ASSET_REGISTERED, EventTypes.ASSET_UPDATED,
            EventTypes.ASSET_STATUS_CHANGED, EventTypes.ASSET_CLASSIFIED, EventTypes.ASSET_DELETED);

    private final AssetProjectionRepository assets;

    public AssetProjectionService(AssetProjectionRepository assets) {
        this.assets = assets;
    }

    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    public Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.ASSET_REGISTERED -> snapshot(event, event.payload(AssetRegistered.class).asset());
            case EventTypes.ASSET_UPDATED -> snapshot(event, event.payload(AssetUpdated.class).asset());
            case EventTypes.ASSET_STATUS_CHANGED -> snapshot(event, event.payload(AssetStatusChanged.class).asset());
            case EventTypes.ASSET_CLASSIFIED -> {
                AssetClassified c = event.payload(AssetClassified.class);
                require(c.assetId() != null && valid(c.effective()), event, "assetId, effective");
                require(c.assetId().toString().equals(event.subject()), event, "assetId equal to the subject");
                yield assets.ratings(event.tenant(), c.assetId(), c.effective(), c.version()).replaceWithVoid();
            }
            case EventTypes.ASSET_DELETED -> {
                AssetDeleted d = event.payload(AssetDeleted.class);
                require(d.assetId() != null && d.assetId().toString().equals(event.subject()), event,
                        "assetId equal to the subject");
                yield assets.deleted(event.tenant(), d.assetId(), d.asset() == null ? null : d.asset().version());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> snapshot(EventEnvelope event, AssetSnapshot a) {
        require(a != null && a.assetId() != null && a.name() != null && valid(a.effective()), event,
                "asset.assetId, asset.name, asset.effective");
        require(a.assetId().toString().equals(event.subject()), event, "asset.assetId equal to the subject");
        return assets.apply(event.tenant(), a).replaceWithVoid();
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
