package org.isms.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lifecycle moves one step forward at a time and never back. */
class AssetStatusTest {

    @Test
    void shouldAllowOnlyTheNextStep() {
        assertThat(AssetStatus.PLANNED.next()).containsExactly(AssetStatus.IN_USE);
        assertThat(AssetStatus.IN_USE.next()).containsExactly(AssetStatus.RETIRED);
        assertThat(AssetStatus.RETIRED.next()).containsExactly(AssetStatus.DISPOSED);
        assertThat(AssetStatus.DISPOSED.next()).isEmpty();
        for (AssetStatus s : AssetStatus.values()) {
            assertThat(s.canMoveTo(s)).as(s + " to itself").isFalse();
            for (AssetStatus earlier : AssetStatus.values()) {
                if (earlier.ordinal() < s.ordinal()) {
                    assertThat(s.canMoveTo(earlier)).as(s + " back to " + earlier).isFalse();
                }
            }
        }
    }
}
