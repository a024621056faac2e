package org.isms.platform.paging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads a long list page after page, for a streamed export: each page in a Hibernate session of its own (so
 * memory stays bounded: nothing accumulates in one session), after the last row of the page before (keyset,
 * stable under inserts, no OFFSET to skip), until a page comes back empty. The pages are read one after
 * another, not as one snapshot.
 */
public final class KeysetPages {
    private KeysetPages() {
    }

    /** The pages {@code next} reads: {@code next(last)} is the page after {@code last} (null: the first page). */
    public static <T> Multi<List<T>> of(Function<T, Uni<List<T>>> next) {
        AtomicReference<T> last = new AtomicReference<>();
        return Multi.createBy().repeating().uni(() -> Panache.withSession(() -> next.apply(last.get())))
                .until(List::isEmpty)
                .invoke(page -> last.set(page.get(page.size() - 1)));
    }

    /**
     * The HQL condition "after this row" in the order {@code field, id} (empty for the first page); binds
     * {@code :afterValue} and {@code :afterId} into {@code params}.
     */
    public static String after(String field, Object value, Object id, Map<String, Object> params) {
        if (id == null) {
            return "";
        }
        params.put("afterValue", value);
        params.put("afterId", id);
        return " and (" + field + " > :afterValue or (" + field + " = :afterValue and id > :afterId))";
    }
}
