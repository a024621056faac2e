package org.isms.asset.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetChange;
import org.isms.asset.repository.AssetChangeRepository;
import org.isms.events.asset.Cia;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/** Writes and reads the history of assets: one entry per change, with each changed field's old and new value. */
@ApplicationScoped
public class AssetHistory {
    private final AssetChangeRepository changes;
    private final ObjectMapper json;
    private final Clock clock;

    public AssetHistory(AssetChangeRepository changes, ObjectMapper json, Clock clock) {
        this.changes = changes;
        this.json = json;
        this.clock = clock;
    }

    /** One change as the API shows it. */
    public record Entry(UUID assetId, long version, AssetChange.Action action, String by, String byId,
            OffsetDateTime at, String reason, UUID cause, JsonNode changes) {
    }

    /** Records a change of {@code a}, which must be flushed already so its version is the new one. */
    public Uni<Void> record(Asset a, AssetChange.Action action, Caller by, String reason, UUID cause,
            Map<String, Map<String, Object>> diff) {
        return changes.persist(entryOf(a, action, by, reason, cause, diff)).replaceWithVoid();
    }

    /**
     * Records many changes in one statement (entries made by {@link #entryOf}), for a use case that changes many
     * assets at once: a persist of each would be an INSERT per entry. Pass them in parts of a thousand or so.
     */
    public Uni<Void> recordAll(List<AssetChange> entries) {
        return changes.insertAll(entries);
    }

    /** The entry {@link #record} writes for a change of {@code a} (whose version must be the new one), not yet written. */
    public AssetChange entryOf(Asset a, AssetChange.Action action, Caller by, String reason, UUID cause,
            Map<String, Map<String, Object>> diff) {
        AssetChange c = new AssetChange();
        c.id = UUID.randomUUID();
        c.tenantId = a.tenantId;
        c.assetId = a.id;
        c.assetVersion = a.version;
        c.action = action;
        c.changedBy = by.name();
        c.changedById = by.id();
        c.changedAt = Clocks.now(clock);
        c.reason = reason;
        c.cause = cause;
        try {
            c.changes = json.writeValueAsString(diff);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history entry not serializable", e);
        }
        return c;
    }

    public Uni<Page<Entry>> page(String tenant, UUID assetId, PageRequest request) {
        return changes.history(tenant, assetId, request).map(p -> p.map(this::entry));
    }

    private Entry entry(AssetChange c) {
        try {
            return new Entry(c.assetId, c.assetVersion, c.action, c.changedBy, c.changedById, c.changedAt, c.reason, c.cause,
                    json.readTree(c.changes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history entry " + c.id + " is not JSON", e);
        }
    }

    /** The descriptive fields of an asset, as the history compares them. */
    static Map<String, Object> describe(Asset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name);
        m.put("type", a.type);
        m.put("description", a.description);
        m.put("owner", a.owner);
        m.put("custodian", a.custodian);
        m.put("location", a.location);
        m.put("tags", list(a.tags));
        m.put("personalData", a.personalData);
        m.put("businessCritical", a.businessCritical);
        m.put("hostnames", list(a.hostnames));
        m.put("ipAddresses", list(a.ipAddresses));
        m.put("externalIds", list(a.externalIds));
        m.put("reviewDate", a.reviewDate == null ? null : a.reviewDate.toString());
        return m;
    }

    /** The fields whose value differs, each with {@code from} and {@code to}. */
    static Map<String, Map<String, Object>> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                out.putAll(change(field, before.get(field), value));
            }
        });
        return out;
    }

    static Map<String, Map<String, Object>> change(String field, Object from, Object to) {
        Map<String, Object> fromTo = new LinkedHashMap<>();
        fromTo.put("from", from);
        fromTo.put("to", to);
        return Map.of(field, fromTo);
    }

    /** A registration: every field that has a value, from nothing. */
    static Map<String, Map<String, Object>> registered(Asset a, List<UUID> dependsOn) {
        return whole(a, dependsOn, true);
    }

    /** A deletion: every field that had a value, to nothing. */
    static Map<String, Map<String, Object>> deleted(Asset a, List<UUID> dependsOn) {
        return whole(a, dependsOn, false);
    }

    private static Map<String, Map<String, Object>> whole(Asset a, List<UUID> dependsOn, boolean appears) {
        Map<String, Object> fields = describe(a);
        fields.put("status", a.status);
        fields.put("classification", a.own());
        fields.put("dependsOn", dependsOn);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (value != null) {
                out.putAll(appears ? change(field, null, value) : change(field, value, null));
            }
        });
        return out;
    }

    static Map<String, Map<String, Object>> classification(Cia previous, Cia previousEffective, Asset a) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(change("classification", previous, a.own()));
        if (!previousEffective.equals(a.effective())) {
            out.putAll(change("effective", previousEffective, a.effective()));
        }
        return out;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
