package org.isms.events.risk;

/** {@code isms.catalog-entry.changed.v1}: an entry's code, name, category or description changed. */
public record CatalogEntryChanged(CatalogEntrySnapshot entry, String by, String byId) {
}
