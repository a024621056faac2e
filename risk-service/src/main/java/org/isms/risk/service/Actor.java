package org.isms.risk.service;

/**
 * Who acts on the register: tenant, user name, and whether they may act on every risk of the tenant
 * and approve acceptances ({@code security-officer} or {@code isms-admin}). Anyone else with write access
 * (a {@code risk-owner}) acts only on the risks they own.
 */
public record Actor(String tenant, String name, boolean officer) {
}
