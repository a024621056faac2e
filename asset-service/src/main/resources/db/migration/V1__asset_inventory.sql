-- asset-service: the inventory, its dependency graph, the networks alerts are matched on, and the change history.
-- Every table carries tenant_id and every query of the service filters on it.

-- trigram indexes serve the free-text filter (q); pg_trgm is a trusted extension: the database owner may create it
create extension if not exists pg_trgm;

create table asset (
    id                        uuid        primary key,
    tenant_id                 text        not null,
    name                      text        not null,
    type                      text        not null,
    description               text,
    owner                     text        not null,
    custodian                 text,
    location                  text,
    tags                      varchar[]   not null default '{}',
    status                    text        not null,
    -- the asset's own CIA ratings, and the effective ones after the maximum principle (never lower)
    confidentiality           integer     not null check (confidentiality between 1 and 4),
    integrity                 integer     not null check (integrity between 1 and 4),
    availability              integer     not null check (availability between 1 and 4),
    effective_confidentiality integer     not null check (effective_confidentiality between confidentiality and 4),
    effective_integrity       integer     not null check (effective_integrity between integrity and 4),
    effective_availability    integer     not null check (effective_availability between availability and 4),
    criticality               integer     not null check (criticality between 1 and 4),
    personal_data             boolean     not null default false,
    business_critical         boolean     not null default false,
    -- SIEM identifiers; host names and external ids are stored lower-case
    hostnames                 varchar[]   not null default '{}',
    ip_addresses              varchar[]   not null default '{}',
    external_ids              varchar[]   not null default '{}',
    -- lower-case name, description and identifiers for q; kept by the trigger below, never written by the service
    search_text               text        not null,
    review_date               date,
    created_by                text        not null,
    created_at                timestamptz not null,
    updated_by                text        not null,
    updated_at                timestamptz not null,
    version                   bigint      not null
);

-- names are unique per tenant, ignoring case
create unique index asset_tenant_name_uq on asset (tenant_id, lower(name));
-- list filters and sorts (always within a tenant)
create index asset_tenant_name_idx on asset (tenant_id, name, id);
create index asset_tenant_type_status_idx on asset (tenant_id, type, status);
create index asset_tenant_criticality_idx on asset (tenant_id, criticality);
create index asset_tenant_owner_idx on asset (tenant_id, owner);
create index asset_tenant_updated_idx on asset (tenant_id, updated_at);
create index asset_tags_idx on asset using gin (tags);
create index asset_search_idx on asset using gin (search_text gin_trgm_ops);
-- match lookups
create index asset_hostnames_idx on asset using gin (hostnames);
create index asset_external_ids_idx on asset using gin (external_ids);

create function asset_search_text() returns trigger language plpgsql as $$
begin
    new.search_text := lower(concat_ws(' ', new.name, new.description, array_to_string(new.hostnames, ' '),
                                       array_to_string(new.ip_addresses, ' '), array_to_string(new.external_ids, ' ')));
    return new;
end $$;
create trigger asset_search_text before insert or update on asset
    for each row execute function asset_search_text();

-- "A depends on B": an application on a server, a server on a site. Cycles are refused by the service.
create table asset_dependency (
    asset_id      uuid not null references asset (id) on delete cascade,
    depends_on_id uuid not null references asset (id),
    tenant_id     text not null,
    primary key (asset_id, depends_on_id)
);
create index asset_dependency_depends_on_idx on asset_dependency (depends_on_id);

-- The asset's IP addresses and CIDR ranges as networks, so that "which asset holds 10.1.2.3" is an index lookup.
-- Derived from asset.ip_addresses by the trigger below: the asset row stays the one source.
create table asset_network (
    asset_id  uuid not null references asset (id) on delete cascade,
    tenant_id text not null,
    network   inet not null
);
create index asset_network_idx on asset_network using gist (network inet_ops);
create index asset_network_asset_idx on asset_network (asset_id);

create function asset_networks() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if new.ip_addresses = old.ip_addresses then
            return null;
        end if;
        delete from asset_network where asset_id = new.id;
    end if;
    insert into asset_network (asset_id, tenant_id, network)
        select new.id, new.tenant_id, cast(ip as inet) from unnest(new.ip_addresses) as ip;
    return null;
end $$;
create trigger asset_networks after insert or update of ip_addresses on asset
    for each row execute function asset_networks();

-- Every change of an asset: who, when, what (field: {from, to}), why. Kept after the asset is deleted.
create table asset_change (
    id            uuid        primary key,
    tenant_id     text        not null,
    asset_id      uuid        not null,
    asset_version bigint      not null,
    action        text        not null,
    changed_by    text        not null,
    changed_at    timestamptz not null,
    reason        text,
    cause         uuid,
    changes       text        not null
);
create index asset_change_asset_idx on asset_change (tenant_id, asset_id, changed_at desc);
