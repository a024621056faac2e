package org.isms.events.risk;

/** {@code isms.catalog-entry.removed.v1}: an entry was removed from a tenant's catalog; {@code entry} is its final state. */
public record CatalogEntryRemoved(CatalogEntrySnapshot entry, String by, String byId) {
}
