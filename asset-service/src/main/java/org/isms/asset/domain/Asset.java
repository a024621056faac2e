package org.isms.asset.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.isms.events.asset.Cia;

/**
 * An entry of the inventory. Its own CIA ratings are what its owner assessed; the effective ratings
 * are at least those of every asset that depends on it (maximum principle), and {@code criticality}
 * is the highest effective rating. The effective ratings are kept by {@code AssetGraph}, never set by a client.
 */
@Entity
public class Asset {
    @Id
    public UUID id;
    public String tenantId;
    public String name;
    @Enumerated(EnumType.STRING)
    public AssetType type;
    public String description;
    public String owner;
    public String custodian;
    public String location;
    public String[] tags;
    @Enumerated(EnumType.STRING)
    public AssetStatus status;
    public int confidentiality;
    public int integrity;
    public int availability;
    public int effectiveConfidentiality;
    public int effectiveIntegrity;
    public int effectiveAvailability;
    public int criticality;
    public boolean personalData;
    public boolean businessCritical;
    public String[] hostnames;
    public String[] ipAddresses;
    public String[] externalIds;
    /** Kept by a database trigger from name, description and identifiers; only read, for the q filter. */
    @Column(insertable = false, updatable = false)
    public String searchText;
    public LocalDate reviewDate;
    public String createdBy;
    /** Stable user ids (token subjects) next to the names; null in rows written before they were recorded. */
    public String createdById;
    public OffsetDateTime createdAt;
    public String updatedBy;
    public String updatedById;
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public Cia own() {
        return new Cia(confidentiality, integrity, availability);
    }

    public Cia effective() {
        return new Cia(effectiveConfidentiality, effectiveIntegrity, effectiveAvailability);
    }

    /**
     * Sets the own ratings. The effective ratings become the own ones until the graph recomputes them,
     * so that the row never holds an effective rating below its own.
     */
    public void classify(Cia cia) {
        confidentiality = cia.confidentiality();
        integrity = cia.integrity();
        availability = cia.availability();
        setEffective(cia);
    }

    public void setEffective(Cia cia) {
        effectiveConfidentiality = cia.confidentiality();
        effectiveIntegrity = cia.integrity();
        effectiveAvailability = cia.availability();
        criticality = cia.max();
    }
}
