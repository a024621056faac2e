package org.isms.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The acceptance rules of a risk, without Quarkus or a database. */
class RiskTest {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T10:00:00Z");

    static Risk accepted() {
        Risk r = new Risk();
        r.id = UUID.randomUUID();
        r.owner = "alice";
        r.ownerId = "sub-alice";
        r.assetIds = new String[] { "a1" };
        r.cia = new String[] { "C" };
        r.controlIds = new String[0];
        r.reviewReasons = "[]";
        r.treatmentOption = TreatmentOption.RETAIN;
        r.setPlan(java.util.List.of());
        r.accept("ada", "sub-ada", "cheaper to live with", NOW.plusDays(30), NOW);
        return r;
    }

    @Test
    void shouldDecideOwnershipByIdOnceKnownAndByNameUntilThen() {
        Risk r = accepted();
        assertThat(r.ownedBy("sub-alice", "renamed")).isTrue();
        assertThat(r.ownedBy("sub-someone-else", "alice")).isFalse();
        r.ownerId = null;
        assertThat(r.ownedBy("sub-whoever", "alice")).isTrue();
        assertThat(r.ownedBy("sub-alice", "bob")).isFalse();
    }

    @Test
    void shouldNameEachChangeOfScope() {
        Risk r = accepted();
        Risk.Scope before = r.scope();
        r.owner = "olivia";
        r.ownerId = "sub-olivia";
        r.cia = new String[] { "C", "I", "A" };
        r.assetIds = new String[] { "a1", "a2" };
        r.threatId = UUID.randomUUID();
        assertThat(before.changesTo(r.scope())).containsExactly("owner alice→olivia", "assets",
                "affected properties C→CIA", "threat");
        assertThat(r.scope().changesTo(r.scope())).isEmpty();
        // the owner's id becoming known is not a change of owner
        r.ownerId = null;
        Risk.Scope pending = r.scope();
        r.ownerId = "sub-olivia";
        assertThat(pending.changesTo(r.scope())).isEmpty();
    }

    @Test
    void shouldVoidAnAcceptanceBackToTreatmentWithTheReasonFlagged() {
        Risk r = accepted();
        Risk.Voided voided = r.voidAcceptance("owner alice→olivia changed", NOW);
        assertThat(voided.approver()).isEqualTo("ada");
        assertThat(voided.approverId()).isEqualTo("sub-ada");
        assertThat(voided.review()).isEqualTo(r.reasons().get(0)); // the review it asks for is the one flagged
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
        assertThat(r.acceptanceApproverId).isNull();
        assertThat(r.acceptanceExpiresAt).isNull();
        assertThat(r.reviewRequired).isTrue();
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.kind()).isEqualTo(ReviewReason.Kind.ACCEPTANCE_VOIDED);
            assertThat(reason.reason()).isEqualTo("acceptance by ada voided: owner alice→olivia changed");
            assertThat(reason.at()).isEqualTo(NOW);
        });
        // nothing accepted: nothing to void
        assertThat(r.voidAcceptance("again", NOW)).isNull();
    }

    @Test
    void shouldCapAcceptancesByTheMethodology() {
        assertThat(Methodology.defaults().acceptanceCapDays()).isEqualTo(365);
        Methodology old = new Methodology(Methodology.defaults().likelihood(), Methodology.defaults().impact(),
                Methodology.defaults().matrix(), RiskLevel.MEDIUM, Methodology.defaults().reviewIntervalDays(), null);
        assertThat(old.acceptanceCapDays()).as("a version stored before the cap existed").isEqualTo(365);
        Methodology tooLong = new Methodology(old.likelihood(), old.impact(), old.matrix(), RiskLevel.MEDIUM,
                old.reviewIntervalDays(), 2000);
        assertThat(tooLong.faults()).extracting(f -> f.field()).containsExactly("maxAcceptanceDays");
    }
}
