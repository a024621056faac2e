package org.isms.control.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.isms.control.catalog.Catalog;
import org.isms.control.service.ControlIds;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.tenancy.Caller;
import org.junit.jupiter.api.Test;

/** The SoA's derivation and the rules of a decision, without a database. */
class ControlStateTest {
    static final Catalog CATALOG = Catalog.load();
    static final Caller OFFICER = new Caller("t1", "id-olivia", "olivia");
    static final RiskRef PHISHING = new RiskRef(UUID.randomUUID(), "Phishing of finance staff");

    static ControlState state(List<RiskRef> risks) {
        return new ControlState(CATALOG.control("8.5"), ControlImplementation.blank("t1", "8.5"), risks);
    }

    static ControlImplementation.Change decide(Boolean applicable, String justification) {
        return new ControlImplementation.Change(applicable, justification, ImplementationStatus.NOT_STARTED, null, null,
                null);
    }

    @Test
    void shouldMakeAControlARiskCallsForApplicableWithTheRiskAsReason() {
        ControlState s = state(List.of(PHISHING));
        assertThat(s.applicable()).isTrue();
        assertThat(s.reason()).isEqualTo("called for by risk Phishing of finance staff");
        assertThat(s.justificationMissing()).isFalse();
        assertThat(state(List.of()).applicable()).isNull();
        assertThat(state(List.of()).version()).isZero();
    }

    @Test
    void shouldRefuseToExcludeWhileARiskCallsForIt() {
        assertThatThrownBy(() -> state(List.of(PHISHING)).requireDecision(decide(false, "not needed")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Phishing of finance staff")
                .hasMessageContaining(PHISHING.id().toString());
    }

    @Test
    void shouldAskForTheReasonOfAnExclusionAndOfAnInclusionNoRiskCallsFor() {
        assertThatThrownBy(() -> state(List.of()).requireDecision(decide(false, " ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("excluded");
        assertThatThrownBy(() -> state(List.of()).requireDecision(decide(true, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("legal, contractual or business");
        state(List.of(PHISHING)).requireDecision(decide(true, null)); // a risk is reason enough
        state(List.of()).requireDecision(decide(false, "no cardholder data"));
        state(List.of()).requireDecision(decide(null, null)); // undecided needs nothing
    }

    @Test
    void shouldShowAnInclusionWhoseRiskClosedAsLackingItsReason() {
        ControlState s = state(List.of());
        s.implementation().apply(decide(true, null), OFFICER, OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(s.applicable()).isTrue();
        assertThat(s.justificationMissing()).isTrue();
    }

    @Test
    void shouldNameWhatAChangeChanged() {
        ControlImplementation i = ControlImplementation.blank("t1", "8.5");
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        assertThat(i.apply(decide(null, null), OFFICER, at)).isEmpty();
        assertThat(i.createdAt).isNull();
        assertThat(i.apply(new ControlImplementation.Change(true, "contract", ImplementationStatus.PLANNED, "alice",
                "id-alice", null), OFFICER, at)).containsExactly("applicable", "justification", "status", "owner");
        assertThat(i.createdBy).isEqualTo("olivia");
        assertThat(i.ownedBy(new Caller("t1", "id-alice", "alice"))).isTrue();
        assertThat(i.ownedBy(new Caller("t1", "id-mallory", "alice"))).isFalse(); // the id decides, not the name
    }

    @Test
    void shouldKeepOwnControlIdsOutOfAnnexAsNumbering() {
        assertThat(ControlIds.validOwn("ACME-01")).isTrue();
        assertThat(ControlIds.validOwn("PCI.3.4")).isTrue();
        for (String bad : new String[] { "8.5", "9.1", "A.9.2.3", "a.5.1.1", "5", "-x", "x", "ÄCME-1", "A B",
                "ABCDEFGHIJKLMNOPQRSTU" }) {
            assertThat(ControlIds.validOwn(bad)).as(bad).isFalse();
        }
        assertThat(ControlIds.sortKey("5.2")).isLessThan(ControlIds.sortKey("5.10"));
        assertThat(ControlIds.sortKey("8.34")).isLessThan(ControlIds.sortKey("ACME-01"));
    }
}
