package org.isms.asset.service;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Writes of many rows in parts: each part one multi-row statement, the parts one after another on the use case's
 * session (a session runs one statement at a time), all in its transaction.
 */
final class Batches {
    /**
     * Rows per statement. A multi-row insert reaches PostgreSQL's rate per row at a few hundred rows; a thousand
     * keeps each statement's parameter (the rows as JSON, up to about a megabyte with event payloads) and the
     * memory of its part small, and a 100,000-row import at a hundred statements per table.
     */
    static final int SIZE = 1_000;

    private Batches() {
    }

    /** {@code write} for each part of {@code items} of at most {@link #SIZE}, in order, each after the last. */
    static <T> Uni<Void> inParts(List<T> items, Function<List<T>, Uni<Void>> write) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < items.size(); from += SIZE) {
            List<T> part = items.subList(from, Math.min(items.size(), from + SIZE));
            chain = chain.chain(() -> write.apply(part));
        }
        return chain;
    }
}
