package org.isms.events.control;

import java.util.List;

/** {@code isms.control.added.v1}: a tenant added a control of its own to its catalog, with its mappings. */
public record ControlAdded(ControlSnapshot control, String purpose, List<Mapping> mappings, String by, String byId) {

    /** The control relates to {@code requirement} of {@code framework} as {@code relationship} says. */
    public record Mapping(String framework, String requirement, String relationship) {
    }
}
