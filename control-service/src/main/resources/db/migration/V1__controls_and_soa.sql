-- control-service: the tenant's side of the control catalog (the catalog itself is reference data in
-- catalog/*.json, never in the database), the risks that call for controls (fed by isms.risk.events), the
-- history of every change and the published versions of the Statement of Applicability.

-- A tenant's implementation of one control (Annex A's or its own). No row: nothing decided yet (undecided,
-- NOT_STARTED, NOT_ASSESSED).
create table control_implementation (
    tenant_id          text        not null,
    control_id         text        not null,
    -- the tenant's decision: true included, false excluded, null undecided; a live risk calling for the
    -- control makes it applicable whatever this says
    applicable         boolean,
    justification      text,
    status             text        not null check (status in ('NOT_STARTED', 'PLANNED', 'PARTIAL', 'IMPLEMENTED')),
    owner              text,
    owner_id           text,
    due_date           date,
    effectiveness      text        not null check (effectiveness in
                                       ('NOT_ASSESSED', 'EFFECTIVE', 'PARTIALLY_EFFECTIVE', 'INEFFECTIVE')),
    assessed_by        text,
    assessed_by_id     text,
    assessed_at        timestamptz,
    assessment_method  text,
    created_by         text,
    created_by_id      text,
    created_at         timestamptz not null,
    updated_by         text,
    updated_by_id      text,
    updated_at         timestamptz not null,
    version            bigint      not null,
    primary key (tenant_id, control_id)
);

-- Controls a tenant added to its catalog, with ids outside Annex A's (checked by the service)
create table own_control (
    tenant_id      text        not null,
    control_id     text        not null,
    title          text        not null,
    theme          text        not null check (theme in ('ORGANIZATIONAL', 'PEOPLE', 'PHYSICAL', 'TECHNOLOGICAL')),
    purpose        text        not null,
    control_types  text[]      not null,
    properties     text[]      not null,
    concepts       text[]      not null,
    capabilities   text[]      not null,
    domains        text[]      not null,
    created_by     text,
    created_by_id  text,
    created_at     timestamptz not null,
    updated_by     text,
    updated_by_id  text,
    updated_at     timestamptz not null,
    version        bigint      not null,
    primary key (tenant_id, control_id)
);

create table own_control_mapping (
    tenant_id     text not null,
    control_id    text not null,
    framework     text not null,
    requirement   text not null,
    relationship  text not null check (relationship in ('EQUAL', 'SUBSET', 'SUPERSET', 'INTERSECTS')),
    primary key (tenant_id, control_id, framework, requirement),
    foreign key (tenant_id, control_id) references own_control (tenant_id, control_id) on delete cascade
);

-- What control-service knows of each risk, from risk-service's events: enough to say which live risks call for
-- which controls. Keyed by tenant and risk, so an event of one tenant never touches another's rows.
create table risk_link (
    tenant_id      text        not null,
    risk_id        uuid        not null,
    title          text        not null,
    status         text        not null,
    control_ids    text[]      not null,
    deleted        boolean     not null default false,
    -- the risk's version the row reflects: an older event (a replayed dead letter) changes nothing
    risk_version   bigint      not null,
    last_event_id  text        not null,
    last_event_at  timestamptz not null,
    primary key (tenant_id, risk_id)
);
-- the live risks of a tenant, and those that call for one control
create index risk_link_live_idx on risk_link (tenant_id) where not deleted and status <> 'CLOSED';
create index risk_link_controls_idx on risk_link using gin (control_ids) where not deleted and status <> 'CLOSED';

-- Every change of a control's implementation, applicability or effectiveness, newest last
create table control_change (
    id          uuid        primary key,
    -- the order of writing, which several changes in one instant keep
    seq         bigint      generated always as identity,
    tenant_id   text        not null,
    control_id  text        not null,
    at          timestamptz not null,
    by_name     text,
    by_id       text,
    kind        text        not null,
    summary     text        not null
);
create index control_change_idx on control_change (tenant_id, control_id, seq);

-- Published Statements of Applicability: numbered per tenant, never changed once written
create table soa_version (
    tenant_id        text        not null,
    number           integer     not null,
    published_at     timestamptz not null,
    published_by     text        not null,
    published_by_id  text        not null,
    note             text,
    entries          jsonb       not null,
    primary key (tenant_id, number)
);
