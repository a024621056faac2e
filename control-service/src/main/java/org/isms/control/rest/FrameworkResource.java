package org.isms.control.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.Framework;
import org.isms.control.rest.ControlDtos.FrameworkSummary;
import org.isms.control.rest.ControlDtos.FrameworkView;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.security.Roles;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The frameworks mapped onto Annex A (reference data, the same for every tenant): ISO/IEC 27001:2013, NIST CSF 2.0,
 * SOC 2 and Cyber Essentials, each requirement with the Annex A controls that implement it.
 */
@Path("/api/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Frameworks")
public class FrameworkResource {
    private final Catalog catalog;

    public FrameworkResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listFrameworks", summary = "The frameworks mapped onto Annex A, with their sources")
    public List<FrameworkSummary> list() {
        return catalog.frameworks().values().stream().map(ControlMapper::summary).toList();
    }

    @GET
    @Path("/{key}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getFramework", summary = "A framework's requirements, each with the Annex A controls"
            + " that implement it (a 2013 control merged into a 2022 one shows as its subset)")
    public FrameworkView get(@RestPath String key) {
        Framework f = catalog.framework(key);
        if (f == null) {
            throw new ResourceNotFoundException("framework", key);
        }
        return ControlMapper.framework(f);
    }
}
