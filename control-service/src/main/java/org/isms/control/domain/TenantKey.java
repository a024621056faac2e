package org.isms.control.domain;

import java.io.Serializable;
import java.util.Objects;

/** The key of a tenant's row about one control: the tenant and the control id. */
public class TenantKey implements Serializable {
    public String tenantId;
    public String controlId;

    public TenantKey() {
    }

    public TenantKey(String tenantId, String controlId) {
        this.tenantId = tenantId;
        this.controlId = controlId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantKey k && Objects.equals(tenantId, k.tenantId) && Objects.equals(controlId, k.controlId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, controlId);
    }
}
