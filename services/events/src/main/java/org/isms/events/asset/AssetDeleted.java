package org.isms.events.asset;

import java.util.UUID;

/** {@code isms.asset.deleted.v1}: the asset was removed from the inventory; {@code asset} is its last state. */
public record AssetDeleted(UUID assetId, String name, AssetSnapshot asset, String by, String byId) {
}
