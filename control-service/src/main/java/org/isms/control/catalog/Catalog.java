package org.isms.control.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference catalog, read once from the versioned files under {@code catalog/} on the class path: Annex A's
 * 93 controls with their ISO/IEC 27002:2022 attributes ({@code iso27001-2022-annex-a.json}) and one file per
 * framework mapped onto them ({@code mappings/*.json}), each naming its source. Plain Java: nothing here needs a
 * database or Quarkus. A file that breaks a rule (a theme's count, an unknown attribute value, a mapping to a
 * requirement or control that does not exist) stops the service at start rather than serving a wrong SoA.
 */
public final class Catalog {
    public static final String ANNEX_A = "catalog/iso27001-2022-annex-a.json";
    /** The frameworks mapped onto Annex A, by key, as their files are named. */
    public static final List<String> FRAMEWORKS = List.of("iso27001-2013", "nist-csf-2.0", "soc2-tsc-2017",
            "cyber-essentials");

    private final String source;
    private final List<CatalogControl> controls;
    private final Map<String, CatalogControl> byId;
    private final Map<String, Framework> frameworks;

    private Catalog(String source, List<CatalogControl> controls, Map<String, Framework> frameworks) {
        this.source = source;
        this.controls = List.copyOf(controls);
        this.byId = controls.stream().collect(Collectors.toUnmodifiableMap(CatalogControl::id, Function.identity()));
        this.frameworks = Collections.unmodifiableMap(frameworks);
    }

    /** The catalog of the files on the class path. */
    public static Catalog load() {
        ObjectMapper json = new ObjectMapper();
        JsonNode annex = read(json, ANNEX_A);
        List<CatalogControl> controls = new ArrayList<>();
        for (JsonNode c : annex.path("controls")) {
            controls.add(control(c));
        }
        requireAnnexA(controls);
        Set<String> ids = controls.stream().map(CatalogControl::id).collect(Collectors.toSet());
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        for (String key : FRAMEWORKS) {
            frameworks.put(key, framework(read(json, "catalog/mappings/" + key + ".json"), key, ids));
        }
        return new Catalog(text(annex, "source"), controls, frameworks);
    }

    /** Where the Annex A file says its content comes from. */
    public String source() {
        return source;
    }

    /** Annex A's controls in their order (5.1 … 8.34). */
    public List<CatalogControl> controls() {
        return controls;
    }

    /** The Annex A control of this id; null when there is none. */
    public CatalogControl control(String id) {
        return byId.get(id);
    }

    public Map<String, Framework> frameworks() {
        return frameworks;
    }

    /** The framework of this key; null when there is none. */
    public Framework framework(String key) {
        return frameworks.get(key);
    }

    /** Every mapping of an Annex A control, all frameworks, in the frameworks' order. */
    public List<Mapping> mappingsOf(String controlId) {
        return frameworks.values().stream().flatMap(f -> f.ofControl(controlId).stream()).toList();
    }

    private static CatalogControl control(JsonNode c) {
        String id = text(c, "id");
        Theme theme = Theme.ofAnnexA(id);
        if (theme == null) {
            throw invalid("'" + id + "' is not an Annex A control id");
        }
        if (!theme.name().equals(text(c, "theme"))) {
            throw invalid("control " + id + " is in theme " + theme + ", not " + text(c, "theme"));
        }
        JsonNode a = c.path("attributes");
        Attributes attributes = new Attributes(values(a, "controlTypes", id), values(a, "properties", id),
                values(a, "concepts", id), values(a, "capabilities", id), values(a, "domains", id));
        return new CatalogControl(id, text(c, "title"), theme, text(c, "purpose"), attributes, false, null);
    }

    private static List<String> values(JsonNode attributes, String name, String control) {
        List<String> allowed = Attributes.VALUES.get(name);
        List<String> values = new ArrayList<>();
        for (JsonNode v : attributes.path(name)) {
            if (!allowed.contains(v.asText()) || values.contains(v.asText())) {
                throw invalid("control " + control + ": " + name + " has '" + v.asText() + "' (allowed once each: "
                        + allowed + ")");
            }
            values.add(v.asText());
        }
        if (values.isEmpty()) {
            throw invalid("control " + control + " has no " + name);
        }
        return values;
    }

    private static void requireAnnexA(List<CatalogControl> controls) {
        Set<String> seen = new HashSet<>();
        for (CatalogControl c : controls) {
            if (!seen.add(c.id())) {
                throw invalid("control " + c.id() + " is listed twice");
            }
        }
        for (Theme t : Theme.values()) {
            long n = controls.stream().filter(c -> c.theme() == t).count();
            if (n != t.controls()) {
                throw invalid("theme " + t + " has " + n + " controls, Annex A has " + t.controls());
            }
        }
    }

    private static Framework framework(JsonNode f, String key, Set<String> controls) {
        if (!key.equals(text(f, "framework"))) {
            throw invalid("mappings/" + key + ".json names framework " + text(f, "framework"));
        }
        List<Framework.Requirement> requirements = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : f.path("requirements")) {
            String id = text(r, "id");
            if (!ids.add(id)) {
                throw invalid(key + ": requirement " + id + " is listed twice");
            }
            requirements.add(new Framework.Requirement(id, text(r, "title")));
        }
        List<Mapping> mappings = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (JsonNode m : f.path("mappings")) {
            Mapping mapping = mapping(key, m, controls, ids);
            if (!pairs.add(mapping.control() + "|" + mapping.requirement())) {
                throw invalid(key + ": " + mapping.control() + " → " + mapping.requirement() + " is listed twice");
            }
            mappings.add(mapping);
        }
        return new Framework(key, text(f, "name"), text(f, "version"), text(f, "source"), requirements, mappings);
    }

    /** One mapping entry, checked: its control is one of Annex A's, its requirement one of the framework's. */
    static Mapping mapping(String framework, JsonNode m, Set<String> controls, Set<String> requirements) {
        String control = text(m, "control");
        String requirement = text(m, "requirement");
        Relationship relationship = Relationship.parse(text(m, "relationship"));
        if (!controls.contains(control) || !requirements.contains(requirement) || relationship == null) {
            throw invalid(framework + ": mapping " + m + " names no Annex A control, no requirement of the framework"
                    + " or no relationship (equal, subset, superset, intersects)");
        }
        return new Mapping(framework, control, requirement, relationship);
    }

    static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw invalid(resource + " is not on the class path");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw invalid("'" + field + "' missing in " + abbreviate(node));
        }
        return v.asText();
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static IllegalStateException invalid(String what) {
        return new IllegalStateException("the control catalog is not valid: " + what);
    }
}
