package org.isms.control.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ISO/IEC 27002:2022 attributes of a control (its clause 4.2): control types, information security properties,
 * cybersecurity concepts, operational capabilities and security domains, each a list of the values below.
 */
public record Attributes(List<String> controlTypes, List<String> properties, List<String> concepts,
        List<String> capabilities, List<String> domains) {

    /** Each attribute and the values it may take, in the standard's order. */
    public static final Map<String, List<String>> VALUES = values();

    public Attributes {
        controlTypes = copy(controlTypes);
        properties = copy(properties);
        concepts = copy(concepts);
        capabilities = copy(capabilities);
        domains = copy(domains);
    }

    /** Each attribute's values, by the attribute's name. */
    public Map<String, List<String>> byName() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("controlTypes", controlTypes);
        m.put("properties", properties);
        m.put("concepts", concepts);
        m.put("capabilities", capabilities);
        m.put("domains", domains);
        return m;
    }

    /** Whether any attribute has {@code value} (e.g. "DETECTIVE" or "IDENTITY_AND_ACCESS_MANAGEMENT"). */
    public boolean has(String value) {
        return byName().values().stream().anyMatch(v -> v.contains(value));
    }

    private static final Set<String> ALL = VALUES.values().stream().flatMap(List::stream)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Every value the attributes may take, of any attribute. */
    public static Set<String> allValues() {
        return ALL;
    }

    private static List<String> copy(List<String> v) {
        return v == null ? List.of() : List.copyOf(v);
    }

    private static Map<String, List<String>> values() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("controlTypes", List.of("PREVENTIVE", "DETECTIVE", "CORRECTIVE"));
        m.put("properties", List.of("CONFIDENTIALITY", "INTEGRITY", "AVAILABILITY"));
        m.put("concepts", List.of("IDENTIFY", "PROTECT", "DETECT", "RESPOND", "RECOVER"));
        m.put("capabilities", List.of("GOVERNANCE", "ASSET_MANAGEMENT", "INFORMATION_PROTECTION",
                "HUMAN_RESOURCE_SECURITY", "PHYSICAL_SECURITY", "SYSTEM_AND_NETWORK_SECURITY", "APPLICATION_SECURITY",
                "SECURE_CONFIGURATION", "IDENTITY_AND_ACCESS_MANAGEMENT", "THREAT_AND_VULNERABILITY_MANAGEMENT",
                "CONTINUITY", "SUPPLIER_RELATIONSHIPS_SECURITY", "LEGAL_AND_COMPLIANCE",
                "INFORMATION_SECURITY_EVENT_MANAGEMENT", "INFORMATION_SECURITY_ASSURANCE"));
        m.put("domains", List.of("GOVERNANCE_AND_ECOSYSTEM", "PROTECTION", "DEFENCE", "RESILIENCE"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
