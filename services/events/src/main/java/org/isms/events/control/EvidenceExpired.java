package org.isms.events.control;

import java.util.List;

/**
 * {@code isms.evidence.expired.v1}: the evidence's {@code expiresAt} has passed; the controls it supports
 * ({@code evidence.controlIds}) lack it from now on, and {@code controlsWithoutEvidence} are those of them left with
 * no valid evidence at all. Published once per evidence and expiry date.
 */
public record EvidenceExpired(EvidenceSnapshot evidence, List<String> controlsWithoutEvidence) {
}
