package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;
import org.isms.control.catalog.Mapping;
import org.isms.control.catalog.Relationship;

/** How a tenant's own control maps onto a requirement of one of the catalog's frameworks. */
@Entity
@IdClass(OwnControlMapping.Key.class)
public class OwnControlMapping {
    @Id
    public String tenantId;
    @Id
    public String controlId;
    @Id
    public String framework;
    @Id
    public String requirement;
    @Enumerated(EnumType.STRING)
    public Relationship relationship;

    public Mapping toMapping() {
        return new Mapping(framework, controlId, requirement, relationship);
    }

    /** The key: tenant, control, framework and requirement. */
    public static class Key implements Serializable {
        public String tenantId;
        public String controlId;
        public String framework;
        public String requirement;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(controlId, k.controlId)
                    && Objects.equals(framework, k.framework) && Objects.equals(requirement, k.requirement);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, controlId, framework, requirement);
        }
    }
}
