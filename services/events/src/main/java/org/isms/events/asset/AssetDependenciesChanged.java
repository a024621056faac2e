package org.isms.events.asset;

import java.util.List;
import java.util.UUID;

/** {@code isms.asset.dependencies-changed.v1}: the assets this one depends on changed. */
public record AssetDependenciesChanged(UUID assetId, List<UUID> previous, List<UUID> current, String by,
        String byId) {
}
