package org.isms.asset.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.domain.AssetType;
import org.isms.events.asset.Cia;
import org.isms.platform.tenancy.Caller;
import org.junit.jupiter.api.Test;

/**
 * The maximum principle over an import's rows in memory ({@link AssetGraph#rateImported}), without a server: each
 * new asset at least as protected as every new asset depending on it, whatever the rows' order, and what reaches
 * the existing assets they depend on.
 */
class ImportRatingsTest {
    private final Caller alice = new Caller("acme", "sub-alice", "alice");
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void shouldPassRatingsDownAChainAndADiamondWhateverTheOrderOfTheRows() {
        UUID existing = UUID.randomUUID();
        // app (4,1,1) and report (1,3,1) both on db; db on server; server on an existing site
        AssetDetails server = row("server", new Cia(1, 1, 2), existing);
        AssetDetails db = row("db", new Cia(1, 1, 1), server.asset().id);
        AssetDetails app = row("app", new Cia(4, 1, 1), db.asset().id);
        AssetDetails report = row("report", new Cia(1, 3, 1), db.asset().id);
        List<AssetDetails> rows = new ArrayList<>(List.of(server, db, app, report));
        Collections.shuffle(rows, new Random(3));

        Map<UUID, Cia> reaching = AssetGraph.rateImported(rows);

        assertThat(app.asset().effective()).isEqualTo(new Cia(4, 1, 1));
        assertThat(report.asset().effective()).isEqualTo(new Cia(1, 3, 1));
        assertThat(db.asset().effective()).isEqualTo(new Cia(4, 3, 1));
        assertThat(server.asset().effective()).isEqualTo(new Cia(4, 3, 2));
        assertThat(server.asset().criticality).isEqualTo(4);
        assertThat(server.asset().own()).isEqualTo(new Cia(1, 1, 2)); // own ratings untouched
        assertThat(reaching).containsExactly(Map.entry(existing, new Cia(4, 3, 2)));
    }

    @Test
    void shouldGiveEachExistingAssetTheHighestOfTheRowsThatDependOnIt() {
        UUID site = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        AssetDetails a = row("a", new Cia(3, 1, 1), site);
        AssetDetails b = row("b", new Cia(1, 2, 1), site, other);

        Map<UUID, Cia> reaching = AssetGraph.rateImported(List.of(a, b));

        assertThat(reaching).containsOnly(Map.entry(site, new Cia(3, 2, 1)), Map.entry(other, new Cia(1, 2, 1)));
        assertThat(a.asset().effective()).isEqualTo(new Cia(3, 1, 1));
    }

    @Test
    void shouldRateALongChainWithoutRecursion() {
        List<AssetDetails> rows = new ArrayList<>();
        AssetDetails top = row("r0", new Cia(4, 4, 4));
        rows.add(top);
        for (int k = 1; k < 100_000; k++) { // each row depends on the next one
            AssetDetails next = row("r" + k, new Cia(1, 1, 1));
            rows.set(k - 1, new AssetDetails(rows.get(k - 1).asset(), List.of(next.asset().id)));
            rows.add(next);
        }

        AssetGraph.rateImported(rows);

        assertThat(rows.get(rows.size() - 1).asset().effective()).isEqualTo(new Cia(4, 4, 4));
    }

    @Test
    void shouldRefuseACycleItWasNotToBeGiven() {
        AssetDetails a = row("a", new Cia(1, 1, 1));
        AssetDetails b = row("b", new Cia(1, 1, 1), a.asset().id);
        AssetDetails cyclic = new AssetDetails(a.asset(), List.of(b.asset().id));

        assertThatThrownBy(() -> AssetGraph.rateImported(List.of(cyclic, b))).isInstanceOf(IllegalStateException.class);
    }

    private AssetDetails row(String name, Cia cia, UUID... dependsOn) {
        AssetDraft draft = new AssetDraft(name, AssetType.SOFTWARE, null, "alice", null, null, null, null, cia, false,
                false, null, null, null, List.of(dependsOn), null);
        return new AssetDetails(Asset.register(UUID.randomUUID(), "acme", alice, draft, now), List.of(dependsOn));
    }
}
