package org.isms.events.asset;

import java.util.List;

/** {@code isms.asset.updated.v1}: descriptive fields changed; {@code changed} names them. */
public record AssetUpdated(AssetSnapshot asset, List<String> changed, String by, String byId) {
}
