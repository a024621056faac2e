package org.isms.risk.domain;

import java.util.List;

/**
 * The residual a risk's controls propose (ISO/IEC 27001 6.1.3: the risk after treatment): the inherent rating with the
 * likelihood lowered by the methodology's control effect for each control the plan relies on, as assessed in
 * control-service. A proposal beside the assessed residual, which stays the owner's decision; {@code differs} says
 * they are not the same.
 */
public record ResidualProposal(Methodology.Rating rating, List<Basis> controls, boolean differs) {

    /**
     * One control relied on and what its last assessment found (NOT_ASSESSED when control-service has said nothing);
     * {@code counted}: whether it lowers the proposal — only a control that is not excluded and is implemented, at
     * least in part, is relied on, whatever an earlier assessment found.
     */
    public record Basis(String controlId, String title, String effectiveness, boolean counted) {
    }

    static boolean relied(ControlProjection c) {
        return !Boolean.FALSE.equals(c.applicable) && ("IMPLEMENTED".equals(c.status) || "PARTIAL".equals(c.status));
    }

    /** The proposal for a risk whose plan names controls; null for a risk without an inherent rating or controls. */
    public static ResidualProposal of(Methodology m, Risk r, java.util.Map<String, ControlProjection> controls) {
        if (r.inherent() == null || r.controlIds == null || r.controlIds.length == 0) {
            return null;
        }
        List<Basis> basis = java.util.Arrays.stream(r.controlIds).map(id -> {
            ControlProjection c = controls.get(id);
            return new Basis(id, c == null ? null : c.title, c == null ? "NOT_ASSESSED" : c.effectiveness,
                    c != null && relied(c));
        }).toList();
        Methodology.Rating proposed = m.proposeResidual(r.inherent(), basis.stream().filter(Basis::counted)
                .map(Basis::effectiveness).toList());
        Methodology.Rating assessed = r.residual();
        boolean differs = assessed == null || assessed.likelihood() != proposed.likelihood()
                || assessed.impact() != proposed.impact();
        return new ResidualProposal(proposed, basis, differs);
    }
}
