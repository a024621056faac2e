package org.isms.asset.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a dependency cycle among the rows of an import (existing assets cannot depend on new ones): a
 * depth-first search with a stack of its own, linear in rows and edges, and no recursion (a chain of
 * 10,000 rows would overflow the thread's stack).
 */
final class ImportCycles {
    private ImportCycles() {
    }

    /** The line of a row on a cycle, if the rows' dependencies form one. */
    static Optional<Integer> find(List<AssetImport.ImportRow> rows) {
        Map<UUID, AssetImport.ImportRow> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.fileId(), r));
        Map<UUID, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (AssetImport.ImportRow row : rows) {
            if (state.containsKey(row.fileId())) {
                continue;
            }
            Deque<Map.Entry<UUID, Iterator<UUID>>> path = new ArrayDeque<>();
            state.put(row.fileId(), 1);
            path.push(Map.entry(row.fileId(), row.draft().dependsOn().iterator()));
            while (!path.isEmpty()) {
                Map.Entry<UUID, Iterator<UUID>> top = path.peek();
                if (!top.getValue().hasNext()) {
                    state.put(top.getKey(), 2);
                    path.pop();
                    continue;
                }
                UUID next = top.getValue().next();
                if (!byId.containsKey(next) || next.equals(top.getKey())) {
                    continue; // an existing asset, or a self-reference (reported on its own)
                }
                Integer s = state.get(next);
                if (s == null) {
                    state.put(next, 1);
                    path.push(Map.entry(next, byId.get(next).draft().dependsOn().iterator()));
                } else if (s == 1) {
                    return Optional.of(byId.get(next).line());
                }
            }
        }
        return Optional.empty();
    }
}
