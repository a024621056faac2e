package org.isms.platform.error;

/** 404: no such resource in the caller's tenant (another tenant's resource is reported the same way). */
public class ResourceNotFoundException extends ProblemException {
    public ResourceNotFoundException(String resource, Object id) {
        super(404, "not-found", "Not found", resource + " " + id + " does not exist", null);
    }
}
