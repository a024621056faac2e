package org.isms.risk.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.tenancy.TenantContext;
import org.isms.risk.service.Actor;

/** The caller of this request as the register sees it. */
@RequestScoped
public class Callers {
    private final TenantContext context;
    private final SecurityIdentity identity;

    public Callers(TenantContext context, SecurityIdentity identity) {
        this.context = context;
        this.identity = identity;
    }

    public Actor actor() {
        return new Actor(context.caller(), identity.hasRole(Roles.SECURITY_OFFICER) || identity.hasRole(Roles.ADMIN));
    }

    public String tenant() {
        return context.tenant();
    }

    public Caller caller() {
        return context.caller();
    }
}
