package org.isms.events.risk;

/** {@code isms.catalog-entry.added.v1}: an entry joined a tenant's catalog (by a user, or copied from the baseline: {@code by} "baseline", no id). */
public record CatalogEntryAdded(CatalogEntrySnapshot entry, String by, String byId) {
}
