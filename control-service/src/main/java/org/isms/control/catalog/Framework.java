package org.isms.control.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Another framework's requirements and how the Annex A controls map onto them, from one catalog file: its key
 * ({@code iso27001-2013}), name, version and the source of the mapping.
 */
public record Framework(String key, String name, String version, String source, List<Requirement> requirements,
        List<Mapping> mappings) {

    /** One requirement of the framework (a 2013 control, a CSF subcategory, a trust services criterion). */
    public record Requirement(String id, String title) {
    }

    public Framework {
        requirements = List.copyOf(requirements);
        mappings = List.copyOf(mappings);
    }

    /** The requirements by id. */
    public Map<String, Requirement> requirementsById() {
        return requirements.stream().collect(Collectors.toMap(Requirement::id, Function.identity()));
    }

    /** The mappings of one requirement: the controls that implement it (a merge shows as several). */
    public List<Mapping> ofRequirement(String id) {
        return mappings.stream().filter(m -> m.requirement().equals(id)).toList();
    }

    /** The mappings of one control. */
    public List<Mapping> ofControl(String id) {
        return mappings.stream().filter(m -> m.control().equals(id)).toList();
    }
}
