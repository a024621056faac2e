package org.isms.asset.domain;

import java.util.Set;

/** The asset's lifecycle: PLANNED → IN_USE → RETIRED → DISPOSED, one step at a time, never back. */
public enum AssetStatus {
    PLANNED, IN_USE, RETIRED, DISPOSED;

    /** The statuses this one may move to. */
    public Set<AssetStatus> next() {
        return switch (this) {
            case PLANNED -> Set.of(IN_USE);
            case IN_USE -> Set.of(RETIRED);
            case RETIRED -> Set.of(DISPOSED);
            case DISPOSED -> Set.of();
        };
    }

    public boolean canMoveTo(AssetStatus to) {
        return next().contains(to);
    }
}
