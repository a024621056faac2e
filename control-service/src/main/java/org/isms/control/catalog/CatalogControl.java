package org.isms.control.catalog;

/**
 * A control of the catalog: one of Annex A's 93 ({@code own} false) or one a tenant added, whose definition has a
 * version of its own ({@code definitionVersion}, null for Annex A's). {@code purpose} is our own summary, not the
 * standard's text.
 */
public record CatalogControl(String id, String title, Theme theme, String purpose, Attributes attributes, boolean own,
        Long definitionVersion) {
}
