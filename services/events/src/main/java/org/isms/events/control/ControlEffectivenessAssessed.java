package org.isms.events.control;

/**
 * {@code isms.control.effectiveness-assessed.v1}: an assessor recorded how effective the control is
 * ({@code control.effectiveness}); {@code previous} is the result before ({@code NOT_ASSESSED} the first time).
 */
public record ControlEffectivenessAssessed(ControlSnapshot control, String previous, String note) {
}
