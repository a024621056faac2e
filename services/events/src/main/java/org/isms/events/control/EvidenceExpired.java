package org.isms.events.control;

/**
 * {@code isms.evidence.expired.v1}: the evidence's {@code expiresAt} has passed; the controls it supports
 * ({@code evidence.controlIds}) lack it from now on. Published once per evidence and expiry date.
 */
public record EvidenceExpired(EvidenceSnapshot evidence) {
}
