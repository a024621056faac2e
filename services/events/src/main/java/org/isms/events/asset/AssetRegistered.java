package org.isms.events.asset;

/** {@code isms.asset.registered.v1}: a new asset entered the inventory. */
public record AssetRegistered(AssetSnapshot asset, String by, String byId) {
}
