package org.isms.events.asset;

import java.util.UUID;

/** {@code isms.asset.deleted.v1}: the asset was removed from the inventory. */
public record AssetDeleted(UUID assetId, String name, String by) {
}
