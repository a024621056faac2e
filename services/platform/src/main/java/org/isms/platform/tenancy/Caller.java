package org.isms.platform.tenancy;

/**
 * Who makes a request: the tenant (organization) they act for, their stable user id (the token's
 * {@code sub}, which survives a renamed account) and their user name ({@code preferred_username}), which
 * people read. Rules about a person (is this the risk's owner? may they approve?) compare {@link #id()};
 * records keep both.
 */
public record Caller(String tenant, String id, String name) {
}
