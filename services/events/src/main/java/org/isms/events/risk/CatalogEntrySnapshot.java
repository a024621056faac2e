package org.isms.events.risk;

import java.util.UUID;

/** A threat or vulnerability catalog entry as it stands ({@code kind} THREAT or VULNERABILITY). */
public record CatalogEntrySnapshot(UUID entryId, String kind, String code, String name, String category,
        String description, boolean baseline, long version) {
}
