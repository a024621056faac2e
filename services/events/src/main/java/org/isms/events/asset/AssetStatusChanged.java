package org.isms.events.asset;

/** {@code isms.asset.status-changed.v1}: a lifecycle transition, e.g. IN_USE to RETIRED. */
public record AssetStatusChanged(AssetSnapshot asset, String from, String to, String by, String byId) {
}
