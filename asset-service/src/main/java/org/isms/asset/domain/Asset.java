package org.isms.asset.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.isms.events.asset.Cia;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.persistence.Audited;
import org.isms.platform.tenancy.Caller;

/**
 * An entry of the inventory. Its own CIA ratings are what its owner assessed; the effective ratings
 * are at least those of every asset that depends on it (maximum principle), and {@code criticality}
 * is the highest effective rating. The effective ratings are kept by {@code AssetGraph}, never set by a client.
 */
@Entity
public class Asset extends Audited {
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

    /**
     * A new asset from a checked draft, registered by {@code by}: PLANNED unless the draft gives a status, its
     * effective ratings its own until the graph recomputes them.
     */
    public static Asset register(UUID id, String tenant, Caller by, AssetDraft draft, OffsetDateTime now) {
        Asset a = new Asset();
        a.id = id;
        a.tenantId = tenant;
        a.status = draft.status() == null ? AssetStatus.PLANNED : draft.status();
        a.classify(draft.classification());
        a.apply(draft);
        a.markCreated(by, now);
        return a;
    }

    /**
     * Takes the draft's descriptive fields and identifiers. Its status and ratings are not taken: they change only
     * through {@link #moveTo} and {@link #classify}, which the history records with their own reasons.
     */
    public void apply(AssetDraft d) {
        name = d.name();
        type = d.type();
        description = d.description();
        owner = d.owner();
        custodian = d.custodian();
        location = d.location();
        tags = d.tags().toArray(String[]::new);
        personalData = d.personalData();
        businessCritical = d.businessCritical();
        hostnames = d.hostnames().toArray(String[]::new);
        ipAddresses = d.ipAddresses().toArray(String[]::new);
        externalIds = d.externalIds().toArray(String[]::new);
        reviewDate = d.reviewDate();
    }

    /** 409 for a disposed asset: its record is kept as it was when it was disposed. */
    public void requireChangeable() {
        if (status == AssetStatus.DISPOSED) {
            throw new ConflictException("asset " + id + " is DISPOSED; its record is kept as it was");
        }
    }

    /** Moves one step along the lifecycle and returns the status it left; 409 for any other move. */
    public AssetStatus moveTo(AssetStatus to) {
        if (!status.canMoveTo(to)) {
            throw new InvalidStateTransitionException("asset " + id, status, to, status.next());
        }
        AssetStatus from = status;
        status = to;
        return from;
    }

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

    /**
     * Raises the effective ratings to at least {@code floor}, each rating on its own (an asset that depends on this
     * one with those ratings arrived); whether they moved. Never lowers them: only a full recompute may.
     */
    public boolean raiseEffective(Cia floor) {
        Cia before = effective();
        Cia after = new Cia(Math.max(before.confidentiality(), floor.confidentiality()),
                Math.max(before.integrity(), floor.integrity()), Math.max(before.availability(), floor.availability()));
        if (after.equals(before)) {
            return false;
        }
        setEffective(after);
        return true;
    }

    public void setEffective(Cia cia) {
        effectiveConfidentiality = cia.confidentiality();
        effectiveIntegrity = cia.integrity();
        effectiveAvailability = cia.availability();
        criticality = cia.max();
    }
}
