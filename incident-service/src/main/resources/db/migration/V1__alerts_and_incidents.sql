-- incident-service: the assets it matches alerts on (a projection of isms.asset.events), the alerts SIEMs send
-- (normalized, each kept once), the incidents they open, each incident's timeline, and its regulatory clocks.

-- What incident-service keeps of each asset (asset-service owns them): what alerts are matched on and what an
-- incident's priority is computed from. Retired, disposed of and deleted assets stay (incidents name them) but
-- have no identifiers left to match.
create table asset_projection (
    tenant_id       text        not null,
    asset_id        uuid        not null,
    name            text        not null,
    status          text        not null,
    confidentiality integer     not null check (confidentiality between 1 and 4),
    integrity       integer     not null check (integrity between 1 and 4),
    availability    integer     not null check (availability between 1 and 4),
    criticality     integer     not null check (criticality between 1 and 4),
    personal_data   boolean     not null,
    deleted         boolean     not null default false,
    -- the asset's version in asset-service: an older event (replayed from a dead-letter topic) changes nothing
    version         bigint      not null,
    primary key (tenant_id, asset_id)
);

-- The identifiers alerts are matched on, one row each (lower-case host names with their first label, IP addresses
-- and CIDR networks, external ids), rewritten with every snapshot of the asset
create table asset_hostname (
    tenant_id  text not null,
    name       text not null,
    short_name text not null,
    asset_id   uuid not null,
    primary key (tenant_id, name, asset_id)
);
create index asset_hostname_short_idx on asset_hostname (tenant_id, short_name);

create table asset_network (
    tenant_id text not null,
    network   cidr not null,
    asset_id  uuid not null,
    primary key (tenant_id, network, asset_id)
);
-- "which networks hold this address": network >>= address, answered by the GiST index
create index asset_network_gist_idx on asset_network using gist (network inet_ops);

create table asset_external_id (
    tenant_id text not null,
    value     text not null,
    asset_id  uuid not null,
    primary key (tenant_id, value, asset_id)
);

-- An incident, through the ISO/IEC 27035 phases. The alert-driven columns (alert_count, first_seen, last_seen,
-- asset_ids) are written by the intake's batch statements only; the entity never writes them (IncidentEntity).
create table incident (
    id                uuid        primary key,
    tenant_id         text        not null,
    number            bigint      not null,
    title             text        not null,
    description       text,
    status            text        not null check (status in ('NEW', 'TRIAGED', 'CONTAINED', 'ERADICATED',
                                      'RECOVERED', 'CLOSED', 'FALSE_POSITIVE', 'MERGED')),
    severity          text        not null check (severity in ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    priority          text        not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    category          text,
    assignee          text,
    cia_hit           text[]      not null default '{}',
    personal_data     boolean     not null default false,
    lessons_learned   text,
    -- the source, rule and assets the incident correlates alerts on (null for an incident opened by hand)
    correlation_key   text,
    source_system     text,
    rule_id           text,
    alert_count       integer     not null default 0,
    first_seen        timestamptz,
    last_seen         timestamptz,
    asset_ids         uuid[]      not null default '{}',
    risk_ids          uuid[]      not null default '{}',
    merged_into       uuid,
    opened_at         timestamptz not null,
    triaged_at        timestamptz,
    contained_at      timestamptz,
    closed_at         timestamptz,
    created_by        text,
    created_by_id     text,
    created_at        timestamptz not null,
    updated_by        text,
    updated_by_id     text,
    updated_at        timestamptz not null,
    version           bigint      not null,
    unique (tenant_id, number)
);
create index incident_list_idx on incident (tenant_id, opened_at desc, id);
create index incident_status_idx on incident (tenant_id, status, priority);
create index incident_assets_idx on incident using gin (asset_ids);

-- The last incident number of each tenant: INC-1, INC-2, … (the row's lock serializes the numbering)
create table incident_number (
    tenant_id text   primary key,
    last      bigint not null
);

-- Which open incident the repeats of a rule on the same assets join, while they come within the window. One row per
-- key: the intake's upsert on it is what makes two instances opening the same incident at once impossible.
create table correlation (
    tenant_id   text        not null,
    key         text        not null,
    incident_id uuid        not null,
    -- when the alerts of its incident began, and the last of them: a repeat more than the window after the last
    -- opens a new incident
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    primary key (tenant_id, key)
);
create index correlation_incident_idx on correlation (incident_id);

-- Every alert, normalized, kept once per source system and source alert id (TheHive's type + source + sourceRef):
-- the same alert sent twice is this one row
create table alert (
    id                uuid        primary key,
    tenant_id         text        not null,
    source_system     text        not null,
    source_alert_id   text        not null,
    format            text        not null,
    rule_id           text,
    rule_name         text        not null,
    severity          text        not null check (severity in ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    original_severity text,
    first_seen        timestamptz not null,
    last_seen         timestamptz not null,
    received_at       timestamptz not null,
    hosts             text[]      not null,
    ips               text[]      not null,
    users             text[]      not null,
    asset_ids         uuid[]      not null,
    -- what the intake did with it: OPENED an incident, JOINED one, LINKED by hand, or kept it without one
    -- (BELOW_THRESHOLD, IGNORED_RULE)
    disposition       text        not null check (disposition in ('OPENED', 'JOINED', 'LINKED', 'BELOW_THRESHOLD',
                                      'IGNORED_RULE')),
    incident_id       uuid,
    raw               jsonb       not null,
    unique (tenant_id, source_system, source_alert_id)
);
create index alert_incident_idx on alert (tenant_id, incident_id, received_at);
create index alert_list_idx on alert (tenant_id, received_at desc, id);
create index alert_unmatched_idx on alert (tenant_id, received_at desc) where asset_ids = '{}';

-- The timeline: every change of an incident, and every comment, with who and when (linked alerts are listed from
-- the alert table beside it)
create table incident_change (
    id          uuid        primary key,
    -- the order of writing, which several changes in one instant keep
    seq         bigserial   not null,
    tenant_id   text        not null,
    incident_id uuid        not null,
    at          timestamptz not null,
    by_name     text,
    by_id       text,
    kind        text        not null check (kind in ('OPENED', 'STATUS', 'ASSIGNED', 'ESCALATED', 'EDITED',
                                'COMMENT', 'ALERTS_LINKED', 'MERGED', 'RISKS_LINKED', 'REGIME', 'REPORT', 'DEADLINE')),
    summary     text        not null
);
create index incident_change_idx on incident_change (tenant_id, incident_id, seq);

-- An incident declared reportable under a regime (NIS2, GDPR, DORA, … from configuration), with the times its
-- clocks start from
create table incident_regime (
    tenant_id     text        not null,
    incident_id   uuid        not null,
    regime        text        not null,
    aware_at      timestamptz not null,
    classified_at timestamptz,
    declared_by   text        not null,
    declared_at   timestamptz not null,
    primary key (tenant_id, incident_id, regime)
);

-- One report a regime asks for, its deadline, and its submission once recorded; the two announcements (2 h before
-- the deadline, and when it passed unmet) are made once each
create table incident_report (
    tenant_id             text        not null,
    incident_id           uuid        not null,
    regime                text        not null,
    report                text        not null,
    due_at                timestamptz not null,
    submitted_at          timestamptz,
    submitted_by          text,
    reference             text,
    approaching_announced boolean     not null default false,
    missed_announced      boolean     not null default false,
    primary key (tenant_id, incident_id, regime, report)
);
-- the watch's claim: unmet reports by deadline
create index incident_report_due_idx on incident_report (due_at) where submitted_at is null and not missed_announced;
