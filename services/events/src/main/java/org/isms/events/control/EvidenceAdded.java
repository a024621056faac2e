package org.isms.events.control;

/**
 * {@code isms.evidence.added.v1}: evidence was recorded, or a new revision of it (a new file) uploaded;
 * {@code evidence.revision} says which.
 */
public record EvidenceAdded(EvidenceSnapshot evidence, String by, String byId) {
}
