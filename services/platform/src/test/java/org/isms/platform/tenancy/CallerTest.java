package org.isms.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.isms.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** The caller's roles: an officer is a security officer or an admin, nobody else; the roles cannot change. */
class CallerTest {

    @Test
    void shouldBeAnOfficerOnlyAsSecurityOfficerOrAdmin() {
        assertThat(new Caller("acme", "s1", "olivia", Set.of(Roles.SECURITY_OFFICER, Roles.READER)).officer()).isTrue();
        assertThat(new Caller("acme", "s2", "adam", Set.of(Roles.ADMIN)).officer()).isTrue();
        assertThat(new Caller("acme", "s3", "rob", Set.of(Roles.RISK_OWNER, Roles.READER)).officer()).isFalse();
        assertThat(new Caller("acme", "s4", "system").officer()).isFalse();
    }

    @Test
    void shouldKeepTheRolesItWasGiven() {
        Set<String> given = new HashSet<>(Set.of(Roles.RISK_OWNER));
        Caller rob = new Caller("acme", "s3", "rob", given);
        given.add(Roles.ADMIN);
        assertThat(rob.has(Roles.RISK_OWNER)).isTrue();
        assertThat(rob.has(Roles.ADMIN)).isFalse();
        assertThatThrownBy(() -> rob.roles().add(Roles.ADMIN)).isInstanceOf(UnsupportedOperationException.class);
    }
}
