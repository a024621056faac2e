package org.isms.events.asset;

import java.util.UUID;

/**
 * {@code isms.asset.classified.v1}: the asset's own or effective CIA ratings changed. When a change
 * flows down the dependency graph, each supporting asset gets its own event with {@code cause}
 * naming the asset whose change raised it; for the asset changed directly {@code cause} is null.
 * {@code by} is the user's name, {@code byId} their stable id (the token's subject). {@code version} is the
 * asset's version after the change, as {@link AssetSnapshot#version()}: a consumer holding a later state of the
 * asset (an old event replayed from a dead-letter topic) leaves it alone. Null in events published before it.
 */
public record AssetClassified(UUID assetId, String name, Cia previous, Cia current, Cia previousEffective,
        Cia effective, String reason, UUID cause, String by, String byId, Long version) {
}
