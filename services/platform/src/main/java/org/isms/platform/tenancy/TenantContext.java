package org.isms.platform.tenancy;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, for this request. Set by {@link TenantFilter} before any resource method runs; services
 * pass {@link #tenant()} to every repository query and {@link #caller()} into the who-and-when fields.
 */
@RequestScoped
public class TenantContext {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller's tenant; never null inside an authenticated request. */
    public String tenant() {
        return caller().tenant();
    }

    /** The caller: tenant, stable user id and user name. */
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("no caller: not inside an authenticated request");
        }
        return caller;
    }
}
