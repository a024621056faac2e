package org.isms.events.control;

import java.util.List;

/**
 * {@code isms.control.implementation-changed.v1}: the tenant's implementation of a control changed (status, owner,
 * due date); {@code changed} names the fields, {@code previousStatus} the status before.
 */
public record ControlImplementationChanged(ControlSnapshot control, List<String> changed, String previousStatus,
        String by, String byId) {
}
