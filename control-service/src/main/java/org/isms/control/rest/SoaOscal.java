package org.isms.control.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.isms.control.domain.RiskRef;
import org.isms.control.service.Soa.Entry;
import org.isms.control.service.Soa.Statement;

/**
 * The implementation status of the statement as an OSCAL 1.1.3 System Security Plan (NIST OSCAL, JSON): the
 * tenant's ISMS is the system, one {@code implemented-requirement} per control with its status
 * ({@code by-components[0].implementation-status}: implemented, partial, planned, not-applicable for an excluded
 * control), the reason as remarks, the owner as a responsible party, the risks as links, and our own values
 * (applicable, status, effectiveness) as props in the {@code urn:isms:ns:oscal} namespace. Control ids start with a
 * letter in OSCAL: Annex A's {@code 8.5} is {@code a.8.5}, an own control's id is lower-cased. UUIDs are name-based
 * (version 5) from the tenant and version, so the same statement always gives the same document.
 */
final class SoaOscal {
    static final String MEDIA_TYPE = "application/json";
    static final String OSCAL_VERSION = "1.1.3";
    static final String NS = "urn:isms:ns:oscal";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID NAMESPACE = UUID.fromString("6b4f3c1e-0a7d-5c2b-9e8f-1d2c3b4a5e6f");

    private SoaOscal() {
    }

    static String write(String tenant, Statement s) {
        String key = tenant + "/" + (s.number() == null ? "current@" + s.at() : "v" + s.number());
        ObjectNode ssp = JSON.createObjectNode();
        ssp.put("uuid", uuid(key, "ssp").toString());

        ObjectNode metadata = ssp.putObject("metadata");
        metadata.put("title", "Statement of Applicability of " + tenant + " (ISO/IEC 27001:2022 Annex A)");
        metadata.put("last-modified", s.at().toInstant().toString());
        metadata.put("version", s.number() == null ? "current" : String.valueOf(s.number()));
        metadata.put("oscal-version", OSCAL_VERSION);
        metadata.putArray("roles").addObject().put("id", "control-owner").put("title", "Control owner");
        Map<String, UUID> parties = new LinkedHashMap<>();
        s.entries().stream().filter(e -> e.owner() != null).forEach(e -> parties.computeIfAbsent(e.owner(),
                o -> uuid(tenant, "party:" + o)));
        if (!parties.isEmpty()) {
            ArrayNode p = metadata.putArray("parties");
            parties.forEach((name, id) -> p.addObject().put("uuid", id.toString()).put("type", "person")
                    .put("name", name));
        }
        ssp.putObject("import-profile").put("href", "iso27001-2022-annex-a.json");

        ObjectNode system = ssp.putObject("system-characteristics");
        system.putArray("system-ids").addObject().put("identifier-type", NS + ":tenant").put("id", tenant);
        system.put("system-name", "ISMS of " + tenant);
        system.put("description", "The information security management system of " + tenant
                + " and the Annex A controls it applies.");
        system.putObject("system-information").putArray("information-types").addObject()
                .put("uuid", uuid(key, "information").toString())
                .put("title", "Information in the scope of the ISMS")
                .put("description", "All information within the scope of the ISMS (ISO/IEC 27001 4.3).");
        system.putObject("status").put("state", "operational");
        system.putObject("authorization-boundary").put("description", "The scope of the ISMS (ISO/IEC 27001 4.3).");

        UUID component = uuid(key, "component");
        ObjectNode implementation = ssp.putObject("system-implementation");
        implementation.putArray("users").addObject().put("uuid", uuid(key, "users").toString())
                .put("title", "People working within the ISMS");
        ObjectNode self = implementation.putArray("components").addObject();
        self.put("uuid", component.toString()).put("type", "this-system").put("title", "ISMS of " + tenant)
                .put("description", "The organization as a whole.");
        self.putObject("status").put("state", "operational");

        ObjectNode controls = ssp.putObject("control-implementation");
        controls.put("description", "The Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): every Annex A"
                + " control and the organization's own, whether each applies and why, and how far it is implemented.");
        ArrayNode requirements = controls.putArray("implemented-requirements");
        for (Entry e : s.entries()) {
            ObjectNode r = requirements.addObject();
            r.put("uuid", uuid(key, "requirement:" + e.controlId()).toString());
            r.put("control-id", e.own() ? e.controlId().toLowerCase(java.util.Locale.ROOT) : "a." + e.controlId());
            ArrayNode props = r.putArray("props");
            prop(props, "applicable", SoaCsv.answer(e.applicable()));
            prop(props, "implementation-status", e.status());
            prop(props, "effectiveness", e.effectiveness());
            if (!e.risks().isEmpty()) {
                ArrayNode links = r.putArray("links");
                for (RiskRef risk : e.risks()) {
                    links.addObject().put("href", "/api/risks/" + risk.id()).put("rel", "related")
                            .put("text", risk.title().replaceAll("\\s+", " ").strip());
                }
            }
            if (e.owner() != null) {
                r.putArray("responsible-roles").addObject().put("role-id", "control-owner")
                        .putArray("party-uuids").add(parties.get(e.owner()).toString());
            }
            ObjectNode by = r.putArray("by-components").addObject();
            by.put("component-uuid", component.toString()).put("uuid", uuid(key, "by:" + e.controlId()).toString());
            by.put("description", e.title() + ": " + description(e));
            ObjectNode status = by.putObject("implementation-status").put("state", state(e));
            if (e.reason() != null) {
                status.put("remarks", e.reason());
                r.put("remarks", e.reason());
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("system-security-plan", ssp);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (Exception ex) {
            throw new IllegalStateException("cannot write the OSCAL document", ex);
        }
    }

    /** OSCAL's implementation state of an entry. */
    static String state(Entry e) {
        if (Boolean.FALSE.equals(e.applicable())) {
            return "not-applicable";
        }
        return switch (e.status()) {
            case "IMPLEMENTED" -> "implemented";
            case "PARTIAL" -> "partial";
            default -> "planned";
        };
    }

    private static String description(Entry e) {
        return switch (SoaCsv.answer(e.applicable())) {
            case "no" -> "excluded from the Statement of Applicability";
            case "undecided" -> "applicability not yet decided; implementation " + e.status();
            default -> "applicable; implementation " + e.status() + ", effectiveness " + e.effectiveness();
        };
    }

    private static void prop(ArrayNode props, String name, String value) {
        props.addObject().put("name", name).put("ns", NS).put("value", value);
    }

    /** A name-based UUID (RFC 9562 version 5, SHA-1) of {@code scope} and {@code name}. */
    static UUID uuid(String scope, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update((scope + "\u0000" + name).getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
