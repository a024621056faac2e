package org.isms.control.rest;

import java.util.List;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.Framework;
import org.isms.control.catalog.Mapping;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlImplementation;
import org.isms.control.domain.ControlState;
import org.isms.control.rest.ControlDtos.ChangeView;
import org.isms.control.rest.ControlDtos.ControlView;
import org.isms.control.rest.ControlDtos.EffectivenessView;
import org.isms.control.rest.ControlDtos.FrameworkSummary;
import org.isms.control.rest.ControlDtos.FrameworkView;
import org.isms.control.rest.ControlDtos.ImplementedBy;
import org.isms.control.rest.ControlDtos.MappingView;
import org.isms.control.rest.ControlDtos.OwnControlRequest;
import org.isms.control.rest.ControlDtos.RequirementView;
import org.isms.control.catalog.Attributes;
import org.isms.control.service.OwnControls;

/** Between the API's bodies and the service's types. */
final class ControlMapper {
    private ControlMapper() {
    }

    static ControlView view(ControlState s) {
        ControlImplementation i = s.implementation();
        return new ControlView(s.control().id(), s.control().title(), s.control().theme(), s.control().own(),
                s.control().definitionVersion(), s.control().purpose(), s.control().attributes().byName(), s.applicable(), i.applicable, i.justification,
                s.reason(), s.justificationMissing(), i.status, i.owner, i.dueDate,
                new EffectivenessView(i.effectiveness, i.assessedBy, i.assessedAt, i.assessmentMethod), s.calledFor().named(),
                s.calledFor().count(), s.evidence().valid(), s.evidence().lost(), s.missingEvidence(), s.version(), i.updatedBy, i.updatedAt);
    }

    static OwnControls.OwnDraft draft(OwnControlRequest r) {
        return new OwnControls.OwnDraft(r.id().strip(), r.title(), r.theme(), r.purpose(),
                new Attributes(r.attributes().controlTypes(), r.attributes().properties(), r.attributes().concepts(),
                        r.attributes().capabilities(), r.attributes().domains()),
                r.mappings() == null ? List.of() : r.mappings().stream()
                        .map(m -> new OwnControls.MappingDraft(m.framework(), m.requirement().strip(), m.relationship()))
                        .toList());
    }

    static MappingView mapping(Catalog catalog, Mapping m) {
        Framework f = catalog.framework(m.framework());
        Framework.Requirement r = f == null ? null : f.requirementsById().get(m.requirement());
        return new MappingView(m.framework(), m.requirement(), r == null ? null : r.title(), m.relationship().wire());
    }

    static ChangeView change(ControlChange c) {
        return new ChangeView(c.at, c.byName, c.kind.name(), c.summary);
    }

    static FrameworkSummary summary(Framework f) {
        return new FrameworkSummary(f.key(), f.name(), f.version(), f.source(), f.requirements().size(),
                f.mappings().size());
    }

    static FrameworkView framework(Framework f) {
        return new FrameworkView(f.key(), f.name(), f.version(), f.source(), f.requirements().stream()
                .map(r -> new RequirementView(r.id(), r.title(), f.ofRequirement(r.id()).stream()
                        .map(m -> new ImplementedBy(m.control(), m.relationship().inverse().wire())).toList()))
                .toList());
    }
}
