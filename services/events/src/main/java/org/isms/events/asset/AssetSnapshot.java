package org.isms.events.asset;

import java.util.List;
import java.util.UUID;

/**
 * What other services keep of an asset: enough for risk-service's projection (name, type, owner,
 * effective CIA, status) and incident-service's alert matching (identifiers).
 */
public record AssetSnapshot(UUID assetId, String name, String type, String owner, String status,
        Cia classification, Cia effective, int criticality, boolean personalData, boolean businessCritical,
        List<String> hostnames, List<String> ipAddresses, List<String> externalIds, List<UUID> dependsOn,
        long version) {
}
