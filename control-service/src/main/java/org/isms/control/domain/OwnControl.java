package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.util.Arrays;
import org.isms.control.catalog.Attributes;
import org.isms.control.catalog.CatalogControl;
import org.isms.control.catalog.Theme;
import org.isms.platform.persistence.Audited;

/** A control a tenant added to its catalog (an id outside Annex A's), with the 27002-style attributes it chose. */
@Entity
@IdClass(TenantKey.class)
public class OwnControl extends Audited {
    @Id
    public String tenantId;
    @Id
    public String controlId;
    public String title;
    @Enumerated(EnumType.STRING)
    public Theme theme;
    public String purpose;
    public String[] controlTypes;
    public String[] properties;
    public String[] concepts;
    public String[] capabilities;
    public String[] domains;

    public CatalogControl toCatalog() {
        return new CatalogControl(controlId, title, theme, purpose, new Attributes(Arrays.asList(controlTypes),
                Arrays.asList(properties), Arrays.asList(concepts), Arrays.asList(capabilities), Arrays.asList(domains)),
                true, version);
    }
}
