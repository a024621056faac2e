package org.isms.risk.domain;

import java.util.List;
import org.isms.risk.domain.CatalogEntry.Kind;

/**
 * The threats and vulnerabilities a tenant's catalogs start with, after the examples of ISO/IEC 27005
 * (Annex A of the 2018 edition, the threat and vulnerability lists of the 2022 edition's annex). The
 * tenant edits its copy freely; the baseline itself never changes under a tenant.
 */
public final class CatalogBaseline {
    /** A baseline entry. */
    public record Entry(Kind kind, String code, String name, String category, String description) {
    }

    public static final List<Entry> ENTRIES = List.of(
            threat("T01", "Fire", "Physical", "Fire destroying or damaging equipment, media or premises"),
            threat("T02", "Water damage", "Physical", "Flooding, leaks or burst pipes damaging equipment or media"),
            threat("T03", "Natural disaster", "Natural", "Earthquake, storm, flood or other natural event affecting a site"),
            threat("T04", "Loss of power supply", "Loss of essential services", "Outage or instability of the electrical supply"),
            threat("T05", "Failure of telecommunication services", "Loss of essential services", "Loss of network or internet connectivity provided by a third party"),
            threat("T06", "Equipment failure", "Technical failure", "Breakdown of hardware, storage or network equipment"),
            threat("T07", "Software malfunction", "Technical failure", "Defects in software causing wrong results or unavailability"),
            threat("T08", "Malware", "Compromise of information", "Viruses, worms, ransomware or other malicious code"),
            threat("T09", "Unauthorised access", "Unauthorised actions", "Access to systems or information by someone not entitled to it"),
            threat("T10", "Social engineering", "Compromise of information", "Phishing, pretexting or other manipulation of people into disclosing information or acting"),
            threat("T11", "Theft of equipment or media", "Compromise of information", "Laptops, phones, disks or documents stolen"),
            threat("T12", "Eavesdropping and interception", "Compromise of information", "Interception of communications or compromising emanations"),
            threat("T13", "Denial of service", "Unauthorised actions", "Attacks that exhaust capacity and make a service unavailable"),
            threat("T14", "Error in use", "Compromise of functions", "Mistakes by users or administrators: deletion, misconfiguration, wrong recipient"),
            threat("T15", "Abuse of rights", "Compromise of functions", "Misuse of legitimate privileges by an insider"),
            threat("T16", "Tampering with software or data", "Compromise of information", "Unauthorised modification of software, configuration or data"),
            threat("T17", "Supplier failure", "Organisational", "A provider fails to deliver, goes out of business or is compromised"),
            threat("T18", "Loss of key personnel", "Organisational", "Unavailability of people whose knowledge or role is critical"),
            vulnerability("V01", "Unpatched software", "Software", "Known security fixes not applied in time"),
            vulnerability("V02", "Weak authentication", "Software", "Passwords only, weak or shared passwords, no multi-factor authentication"),
            vulnerability("V03", "Excessive access rights", "Organisation", "Rights beyond need-to-know; no periodic access review"),
            vulnerability("V04", "Single point of failure", "Network", "No redundancy for a component a service depends on"),
            vulnerability("V05", "Missing or untested backups", "Software", "Backups absent, incomplete, not isolated or never restored in a test"),
            vulnerability("V06", "Insecure configuration", "Software", "Default settings, unnecessary services, hardening not applied"),
            vulnerability("V07", "Unencrypted data in transit or at rest", "Software", "Sensitive data readable when intercepted or when media are lost"),
            vulnerability("V08", "Insufficient logging and monitoring", "Software", "Events not logged, logs not reviewed, no alerting"),
            vulnerability("V09", "Lack of security awareness", "Personnel", "Staff not trained to recognise phishing and handle information"),
            vulnerability("V10", "Inadequate physical protection", "Site", "Uncontrolled entry, no protection against fire or water"),
            vulnerability("V11", "Unprotected network connections", "Network", "Flat networks, open ports, no segmentation or filtering"),
            vulnerability("V12", "Inadequate supplier controls", "Organisation", "No security requirements, assessment or monitoring of suppliers"),
            vulnerability("V13", "Lack of change management", "Organisation", "Changes made without assessment, approval or testing"),
            vulnerability("V14", "Undocumented procedures", "Organisation", "Operations depend on individual knowledge, no documented procedures"));

    private CatalogBaseline() {
    }

    private static Entry threat(String code, String name, String category, String description) {
        return new Entry(Kind.THREAT, code, name, category, description);
    }

    private static Entry vulnerability(String code, String name, String category, String description) {
        return new Entry(Kind.VULNERABILITY, code, name, category, description);
    }
}
