package org.isms.events.risk;

/**
 * {@code isms.risk.acceptance-voided.v1}: what an approver accepted changed (owner, assets, affected
 * properties, threat or vulnerability, assessment, treatment plan, or the level under a new methodology),
 * so the acceptance no longer holds and the risk is back in treatment. {@code approver}/{@code approverId}
 * name who had accepted it, {@code by}/{@code byId} who made the change (for a methodology change, its author).
 */
public record RiskAcceptanceVoided(RiskSnapshot risk, String approver, String approverId, String reason, String by,
        String byId) {
}
