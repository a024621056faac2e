package org.isms.events.asset;

import java.util.UUID;

/**
 * {@code isms.asset.classified.v1}: the asset's own or effective CIA ratings changed. When a change
 * flows down the dependency graph, each supporting asset gets its own event with {@code cause}
 * naming the asset whose change raised it; for the asset changed directly {@code cause} is null.
 * {@code by} is the user's name, {@code byId} their stable id (the token's subject).
 */
public record AssetClassified(UUID assetId, String name, Cia previous, Cia current, Cia previousEffective,
        Cia effective, String reason, UUID cause, String by, String byId) {
}
