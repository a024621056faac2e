package org.isms.platform.tenancy;

import java.util.Set;
import org.isms.platform.security.Roles;

/**
 * Who makes a request: the tenant (organization) they act for, their stable user id (the token's
 * {@code sub}, which survives a renamed account), their user name ({@code preferred_username}, lower-case as
 * Keycloak keeps it), which people read, and their roles. Rules about a person (is this the risk's owner? may
 * they approve?) compare {@link #id()}; records keep both id and name. Every service takes this one type from
 * {@link TenantContext}; none builds its own.
 */
public record Caller(String tenant, String id, String name, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** A caller without roles: the system acting on an event, or a plain unit test. */
    public Caller(String tenant, String id, String name) {
        this(tenant, id, name, Set.of());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * A security officer or an ISMS admin: acts on every record of the tenant, where anyone else with write
     * access (a risk owner, say) acts only on what they own.
     */
    public boolean officer() {
        return has(Roles.SECURITY_OFFICER) || has(Roles.ADMIN);
    }
}
