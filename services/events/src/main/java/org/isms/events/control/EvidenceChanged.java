package org.isms.events.control;

import java.util.List;

/**
 * {@code isms.evidence.changed.v1}: a piece of evidence's title, link, controls or dates changed ({@code changed} names
 * them); {@code previousControlIds} are the controls it supported before.
 */
public record EvidenceChanged(EvidenceSnapshot evidence, List<String> changed, List<String> previousControlIds,
        String by, String byId) {
}
