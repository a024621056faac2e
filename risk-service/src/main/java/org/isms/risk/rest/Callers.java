package org.isms.risk.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.TenantContext;
import org.isms.risk.service.Actor;

/** The caller of this request as the register sees it. */
@RequestScoped
public class Callers {
    private final TenantContext caller;
    private final SecurityIdentity identity;

    public Callers(TenantContext caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    public Actor actor() {
        return new Actor(caller.tenant(), caller.subject(),
                identity.hasRole(Roles.SECURITY_OFFICER) || identity.hasRole(Roles.ADMIN));
    }

    public String tenant() {
        return caller.tenant();
    }

    public String subject() {
        return caller.subject();
    }
}
