package org.isms.asset.domain;

/** What kind of asset it is, after ISO/IEC 27005's primary and supporting assets. */
public enum AssetType {
    INFORMATION, SOFTWARE, HARDWARE, SERVICE, PEOPLE, SITE, SUPPLIER
}
