package org.isms.events.control;

/**
 * {@code isms.control.applicability-changed.v1}: whether the control is in the Statement of Applicability, or why,
 * changed: a user decided ({@code by} set), or a risk's treatment started or stopped calling for it ({@code by} null,
 * {@code causeType} and {@code causeEventId} name the risk event). {@code previous} is the SoA's answer before.
 */
public record ControlApplicabilityChanged(ControlSnapshot control, Boolean previous, String reason,
        String causeType, String causeEventId, String by, String byId) {
}
