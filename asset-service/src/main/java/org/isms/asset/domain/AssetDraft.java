package org.isms.asset.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.events.asset.Cia;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;

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

    /**
     * The draft with its identifiers and tags checked and normalized; 400 listing every bad value. The fields
     * are named as the caller's input names them: {@code identifiersPrefix} is {@code "identifiers."} for the
     * JSON body and empty for a CSV row.
     */
    public AssetDraft checked(String identifiersPrefix, String tagsField) {
        var hosts = Identifiers.hostnames(hostnames, identifiersPrefix + "hostnames");
        var ips = Identifiers.ipAddresses(ipAddresses, identifiersPrefix + "ipAddresses");
        var externals = Identifiers.externalIds(externalIds, identifiersPrefix + "externalIds");
        var checkedTags = Identifiers.tags(tags, tagsField);
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(checkedTags.errors());
        errors.addAll(hosts.errors());
        errors.addAll(ips.errors());
        errors.addAll(externals.errors());
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().map(f -> f.field() + ": " + f.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return new AssetDraft(name.strip(), type, description, owner.strip(), custodian, location,
                checkedTags.values(), status, classification, personalData, businessCritical, hosts.values(),
                ips.values(), externals.values(), dependsOn, reviewDate);
    }
}
