package org.isms.control.domain;

import java.util.UUID;

/** A live risk whose treatment calls for a control, as the SoA names it. */
public record RiskRef(UUID id, String title) {
}
