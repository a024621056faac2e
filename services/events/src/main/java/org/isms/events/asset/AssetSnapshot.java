package org.isms.events.asset;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An asset as it stands after a change: what other services keep of it (risk-service's projection: name,
 * type, owner, effective CIA, status; incident-service's alert matching: identifiers) and the rest of its
 * record, so that the trail alone says what the inventory held on any date.
 */
public record AssetSnapshot(UUID assetId, String name, String type, String owner, String status,
        Cia classification, Cia effective, int criticality, boolean personalData, boolean businessCritical,
        List<String> hostnames, List<String> ipAddresses, List<String> externalIds, List<UUID> dependsOn,
        long version, String description, String custodian, String location, List<String> tags,
        LocalDate reviewDate) {
}
