package org.isms.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.isms.events.asset.Cia;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;
import org.junit.jupiter.api.Test;

/** The rules of one asset, without a server: registration, ratings, drafts, lifecycle, who changed it. */
class AssetTest {
    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final OffsetDateTime now = Clocks.now(clock);
    private final Caller alice = new Caller("acme", "sub-alice", "alice");
    private final UUID id = UUID.randomUUID();

    @Test
    void shouldRegisterAsPlannedWithEffectiveRatingsAndCriticalityFromItsOwn() {
        Asset a = Asset.register(id, "acme", alice, draft("CRM database", null, new Cia(3, 2, 4)), now);

        assertThat(a.id).isEqualTo(id);
        assertThat(a.tenantId).isEqualTo("acme");
        assertThat(a.status).isEqualTo(AssetStatus.PLANNED);
        assertThat(a.own()).isEqualTo(new Cia(3, 2, 4));
        assertThat(a.effective()).isEqualTo(new Cia(3, 2, 4));
        assertThat(a.criticality).isEqualTo(4);
        assertThat(a.name).isEqualTo("CRM database");
        assertThat(a.createdBy).isEqualTo("alice");
        assertThat(a.createdById).isEqualTo("sub-alice");
        assertThat(a.createdAt).isEqualTo(now);
        assertThat(a.updatedBy).isEqualTo("alice");
        assertThat(a.updatedById).isEqualTo("sub-alice");
        assertThat(a.updatedAt).isEqualTo(now);
    }

    @Test
    void shouldRegisterWithTheStatusTheDraftGives() {
        Asset a = Asset.register(id, "acme", alice, draft("payroll", AssetStatus.IN_USE, new Cia(1, 1, 1)), now);

        assertThat(a.status).isEqualTo(AssetStatus.IN_USE);
    }

    @Test
    void shouldSetEffectiveRatingsToTheNewOwnOnesWhenClassified() {
        Asset a = registered();
        a.setEffective(new Cia(4, 4, 4)); // raised by an asset that depends on it

        a.classify(new Cia(2, 3, 1));

        // never below the own ratings, whatever the graph said before: it recomputes them next
        assertThat(a.own()).isEqualTo(new Cia(2, 3, 1));
        assertThat(a.effective()).isEqualTo(new Cia(2, 3, 1));
        assertThat(a.criticality).isEqualTo(3);
    }

    @Test
    void shouldTakeCriticalityFromTheHighestEffectiveRatingNotTheOwnOnes() {
        Asset a = registered();

        a.setEffective(new Cia(1, 4, 2));

        assertThat(a.criticality).isEqualTo(4);
        assertThat(a.own()).isEqualTo(new Cia(1, 1, 1));
    }

    @Test
    void shouldRaiseEachEffectiveRatingOnItsOwnButNeverLowerOne() {
        Asset a = registered();
        a.setEffective(new Cia(3, 1, 1));

        assertThat(a.raiseEffective(new Cia(2, 4, 1))).isTrue();
        assertThat(a.effective()).isEqualTo(new Cia(3, 4, 1));
        assertThat(a.criticality).isEqualTo(4);
        assertThat(a.raiseEffective(new Cia(1, 1, 1))).isFalse(); // nothing to raise: nothing moves
        assertThat(a.effective()).isEqualTo(new Cia(3, 4, 1));
        assertThat(a.own()).isEqualTo(new Cia(1, 1, 1));
    }

    @Test
    void shouldCopyTheDraftsFieldsButNeitherItsStatusNorItsRatings() {
        Asset a = registered();
        AssetDraft update = new AssetDraft("CRM database", AssetType.SOFTWARE, "the CRM's data", "bob", "dba-team",
                "Frankfurt DC", List.of("pci"), AssetStatus.DISPOSED, new Cia(4, 4, 4), true, true,
                List.of("crm-db01.acme.local"), List.of("10.20.1.15"), List.of("arn:aws:rds:crm"), List.of(),
                Clocks.today(clock).plusDays(90));

        a.apply(update);

        assertThat(a.name).isEqualTo("CRM database");
        assertThat(a.type).isEqualTo(AssetType.SOFTWARE);
        assertThat(a.description).isEqualTo("the CRM's data");
        assertThat(a.owner).isEqualTo("bob");
        assertThat(a.custodian).isEqualTo("dba-team");
        assertThat(a.location).isEqualTo("Frankfurt DC");
        assertThat(a.tags).containsExactly("pci");
        assertThat(a.personalData).isTrue();
        assertThat(a.businessCritical).isTrue();
        assertThat(a.hostnames).containsExactly("crm-db01.acme.local");
        assertThat(a.ipAddresses).containsExactly("10.20.1.15");
        assertThat(a.externalIds).containsExactly("arn:aws:rds:crm");
        assertThat(a.reviewDate).isEqualTo(Clocks.today(clock).plusDays(90));
        assertThat(a.status).isEqualTo(AssetStatus.PLANNED);
        assertThat(a.own()).isEqualTo(new Cia(1, 1, 1));
    }

    @Test
    void shouldRefuseChangeOfDisposedAsset() {
        Asset a = registered();
        a.status = AssetStatus.DISPOSED;

        assertThatThrownBy(a::requireChangeable).isInstanceOf(ConflictException.class)
                .hasMessage("asset " + id + " is DISPOSED; its record is kept as it was");
    }

    @Test
    void shouldAllowChangeOfAnAssetNotYetDisposedRetiredIncluded() {
        Asset a = registered();
        for (AssetStatus s : List.of(AssetStatus.PLANNED, AssetStatus.IN_USE, AssetStatus.RETIRED)) {
            a.status = s;
            assertThatCode(a::requireChangeable).as(s.name()).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldMoveOneStepAndSayWhereItCameFrom() {
        Asset a = registered();

        AssetStatus from = a.moveTo(AssetStatus.IN_USE);

        assertThat(from).isEqualTo(AssetStatus.PLANNED);
        assertThat(a.status).isEqualTo(AssetStatus.IN_USE);
    }

    @Test
    void shouldRefuseSkippingAStepAndStayWhereItIs() {
        Asset a = registered();

        assertThatThrownBy(() -> a.moveTo(AssetStatus.RETIRED)).isInstanceOf(InvalidStateTransitionException.class)
                .hasMessage("asset " + id + " cannot go from PLANNED to RETIRED; allowed from PLANNED: [IN_USE]");
        assertThat(a.status).isEqualTo(AssetStatus.PLANNED);
    }

    @Test
    void shouldRefuseAnyMoveOfDisposedAsset() {
        Asset a = registered();
        a.status = AssetStatus.DISPOSED;

        assertThatThrownBy(() -> a.moveTo(AssetStatus.PLANNED)).isInstanceOf(InvalidStateTransitionException.class)
                .hasMessage("asset " + id + " cannot go from DISPOSED to PLANNED; no transition is allowed from DISPOSED");
        assertThat(a.status).isEqualTo(AssetStatus.DISPOSED);
    }

    @Test
    void shouldRecordWhoUpdatedItAndWhenButKeepWhoCreatedIt() {
        Asset a = registered();
        OffsetDateTime later = Clocks.now(Clock.offset(clock, Duration.ofHours(2)));

        a.markUpdated(new Caller("acme", "sub-bob", "bob"), later);

        assertThat(a.updatedBy).isEqualTo("bob");
        assertThat(a.updatedById).isEqualTo("sub-bob");
        assertThat(a.updatedAt).isEqualTo(later);
        assertThat(a.createdBy).isEqualTo("alice");
        assertThat(a.createdById).isEqualTo("sub-alice");
        assertThat(a.createdAt).isEqualTo(now);
    }

    private Asset registered() {
        return Asset.register(id, "acme", alice, draft("payroll", null, new Cia(1, 1, 1)), now);
    }

    private static AssetDraft draft(String name, AssetStatus status, Cia cia) {
        return new AssetDraft(name, AssetType.INFORMATION, null, "alice", null, null, null, status, cia, false, false,
                null, null, null, null, null);
    }
}
