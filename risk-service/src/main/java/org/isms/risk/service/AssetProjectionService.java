package org.isms.risk.service;

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
import org.isms.risk.repository.AssetProjectionRepository;

/**
 * Applies asset events to the projection. Runs inside the inbox's transaction; a payload that lacks
 * what its type promises, or an event that would move an asset to another tenant, is malformed.
 */
@ApplicationScoped
public class AssetProjectionService {
    private static final Set<String> TYPES = Set.of(EventTypes.ASSET_REGISTERED, EventTypes.ASSET_UPDATED,
            EventTypes.ASSET_STATUS_CHANGED, EventTypes.ASSET_CLASSIFIED, EventTypes.ASSET_DEPENDENCIES_CHANGED,
            EventTypes.ASSET_DELETED);

    private final AssetProjectionRepository assets;

    public AssetProjectionService(AssetProjectionRepository assets) {
        this.assets = assets;
    }

    /** Whether this is an asset event type this version knows. */
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    public Uni<Void> apply(EventEnvelope event) {
        Uni<Integer> written = switch (event.type()) {
            case EventTypes.ASSET_REGISTERED -> snapshot(event, read(event, AssetRegistered.class).asset());
            case EventTypes.ASSET_UPDATED -> snapshot(event, read(event, AssetUpdated.class).asset());
            case EventTypes.ASSET_STATUS_CHANGED -> snapshot(event, read(event, AssetStatusChanged.class).asset());
            case EventTypes.ASSET_CLASSIFIED -> {
                AssetClassified c = read(event, AssetClassified.class);
                require(c.assetId() != null && c.name() != null && valid(c.effective()), event, "assetId, name, effective");
                yield assets.applyRatings(event, c.assetId(), c.name(), c.effective());
            }
            case EventTypes.ASSET_DELETED -> {
                AssetDeleted d = read(event, AssetDeleted.class);
                require(d.assetId() != null, event, "assetId");
                yield assets.markDeleted(event, d.assetId()).map(n -> 1); // an unknown asset deleted: nothing to do
            }
            default -> Uni.createFrom().item(1); // dependencies: nothing risk-service keeps
        };
        return written.invoke(n -> {
            if (n == 0) {
                throw new MalformedEventException("event " + event.id() + " names asset " + event.subject()
                        + ", which belongs to another tenant than " + event.tenant(), null);
            }
        }).replaceWithVoid();
    }

    private Uni<Integer> snapshot(EventEnvelope event, AssetSnapshot a) {
        require(a != null && a.assetId() != null && a.name() != null && valid(a.effective()), event,
                "asset.assetId, asset.name, asset.effective");
        require(a.assetId().toString().equals(event.subject()), event, "asset.assetId equal to the subject");
        return assets.applySnapshot(event, a);
    }

    private static <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return event.dataAs(type);
        } catch (RuntimeException e) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") has unreadable data: "
                    + e.getMessage(), e);
        }
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
