package org.isms.asset.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.UUID;

/**
 * Many values or rows as one statement parameter: a JSON array, bound as text and expanded by the statement
 * ({@code jsonb_array_elements_text}, {@code jsonb_populate_recordset}, {@code jsonb_to_recordset}). One parameter
 * instead of one per element (an {@code in :list} is expanded to a bind parameter per element, and PostgreSQL takes
 * at most 65,535 in a statement), and instead of an array parameter per column (which cannot carry a row's own
 * arrays, tags and identifiers of differing lengths). The statements cast it {@code cast(cast(:p as text) as jsonb)}:
 * bound as jsonb, the reactive client would store the string as a JSON string.
 */
final class JsonRows {
    private JsonRows() {
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The ids as a JSON array of strings. */
    static String ids(Collection<UUID> ids) {
        ArrayNode out = array();
        ids.forEach(id -> out.add(id.toString()));
        return out.toString();
    }

    /** The values as a JSON array of strings. */
    static String texts(Collection<String> values) {
        ArrayNode out = array();
        values.forEach(out::add);
        return out.toString();
    }

    /** An array column's value (never null: the columns default to an empty array). */
    static ArrayNode strings(String[] values) {
        ArrayNode out = array();
        if (values != null) {
            for (String v : values) {
                out.add(v);
            }
        }
        return out;
    }

    /** A timestamptz as PostgreSQL reads it back exactly: ISO-8601 with its offset, seconds always written. */
    static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
