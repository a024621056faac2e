package org.isms.events.control;

import java.util.List;

/**
 * {@code isms.control.definition-changed.v1}: a tenant changed a control of its own (title, theme, purpose, attributes
 * or mappings; {@code changed} names them), with its definition as it is now.
 */
public record ControlDefinitionChanged(ControlSnapshot control, String purpose, List<ControlAdded.Mapping> mappings,
        List<String> changed, String by, String byId) {
}
