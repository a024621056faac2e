package org.isms.asset.domain;

import java.util.List;
import java.util.UUID;

/** An asset with the ids of the assets it depends on directly: what the API shows of one asset. */
public record AssetDetails(Asset asset, List<UUID> dependsOn) {
}
