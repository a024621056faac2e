package org.isms.platform.tenancy;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, for this request: the tenant (organization) from the token's {@code tenant} claim
 * and the user's name. Set by {@link TenantFilter} before any resource method runs; services pass
 * {@link #tenant()} to every repository query, and {@link #subject()} into the who-and-when fields.
 */
@RequestScoped
public class TenantContext {
    private String tenant;
    private String subject;

    void set(String tenant, String subject) {
        this.tenant = tenant;
        this.subject = subject;
    }

    /** The caller's tenant; never null inside an authenticated request. */
    public String tenant() {
        if (tenant == null) {
            throw new IllegalStateException("no tenant: not inside an authenticated request");
        }
        return tenant;
    }

    /** The caller's user name ({@code preferred_username}, else the token subject). */
    public String subject() {
        if (subject == null) {
            throw new IllegalStateException("no subject: not inside an authenticated request");
        }
        return subject;
    }
}
