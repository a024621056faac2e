package org.isms.asset.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.isms.events.asset.Cia;

/**
 * What a client says an asset is, before the inventory checks it: the fields of a registration, an
 * update (where {@code status} and {@code classification} are ignored) or an imported CSV row.
 */
public record AssetDraft(String name, AssetType type, String description, String owner, String custodian,
        String location, List<String> tags, AssetStatus status, Cia classification, boolean personalData,
        boolean businessCritical, List<String> hostnames, List<String> ipAddresses, List<String> externalIds,
        List<UUID> dependsOn, LocalDate reviewDate) {

    public AssetDraft {
        tags = tags == null ? List.of() : tags;
        hostnames = hostnames == null ? List.of() : hostnames;
        ipAddresses = ipAddresses == null ? List.of() : ipAddresses;
        externalIds = externalIds == null ? List.of() : externalIds;
        dependsOn = dependsOn == null ? List.of() : dependsOn;
    }
}
