package org.isms.risk.service;

import org.isms.platform.tenancy.Caller;

/**
 * Who acts on the register: the caller (tenant, stable id, user name), and whether they may act on every
 * risk of the tenant and approve acceptances ({@code security-officer} or {@code isms-admin}). Anyone else
 * with write access (a {@code risk-owner}) acts only on the risks they own.
 */
public record Actor(Caller caller, boolean officer) {
    public String tenant() {
        return caller.tenant();
    }

    /** The stable user id (token subject). */
    public String id() {
        return caller.id();
    }

    /** The user name, as the register shows and compares it (lower-case). */
    public String name() {
        return org.isms.platform.directory.UserDirectory.normalize(caller.name());
    }
}
