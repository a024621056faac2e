package org.isms.asset.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Finds a dependency cycle among the rows of an import (existing assets cannot depend on new ones). */
final class ImportCycles {
    private ImportCycles() {
    }

    /** The line of a row on a cycle, if the rows' dependencies form one. */
    static Optional<Integer> find(List<AssetService.ImportRow> rows) {
        Map<UUID, AssetService.ImportRow> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.fileId(), r));
        Map<UUID, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (AssetService.ImportRow row : rows) {
            Optional<Integer> line = visit(row.fileId(), byId, state);
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> visit(UUID id, Map<UUID, AssetService.ImportRow> byId, Map<UUID, Integer> state) {
        Integer s = state.get(id);
        if (s != null) {
            return s == 1 ? Optional.of(byId.get(id).line()) : Optional.empty();
        }
        state.put(id, 1);
        for (UUID next : byId.get(id).draft().dependsOn()) {
            if (byId.containsKey(next) && !next.equals(id)) {
                Optional<Integer> line = visit(next, byId, state);
                if (line.isPresent()) {
                    return line;
                }
            }
        }
        state.put(id, 2);
        return Optional.empty();
    }
}
