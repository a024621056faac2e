-- The risk assessment method of each tenant, versioned: every change is a new row, the current one is
-- the highest version. A tenant without a row uses the built-in 5x5 default (version 0).
create table risk_methodology (
    tenant_id   text        not null,
    version     integer     not null check (version > 0),
    -- the scales, matrix, appetite and review intervals as one JSON document (RiskMethodology.Definition)
    definition  text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null,
    reason      text,
    primary key (tenant_id, version)
);

-- Threat and vulnerability catalogs, one table: kind THREAT or VULNERABILITY. A tenant's catalog is
-- seeded with the baseline on first use (catalog_seed records that it was) and is then the tenant's own.
create table catalog_entry (
    id          uuid        primary key,
    tenant_id   text        not null,
    kind        text        not null check (kind in ('THREAT', 'VULNERABILITY')),
    code        text        not null,
    name        text        not null,
    category    text        not null,
    description text,
    baseline    boolean     not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_by  text        not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);
create unique index catalog_entry_code_idx on catalog_entry (tenant_id, kind, lower(code));
create unique index catalog_entry_name_idx on catalog_entry (tenant_id, kind, lower(name));

create table catalog_seed (
    tenant_id   text        primary key,
    seeded_at   timestamptz not null default now()
);

-- The risk register.
create table risk (
    id                        uuid        primary key,
    tenant_id                 text        not null,
    title                     text        not null,
    description               text,
    -- asset ids (from asset_projection) as text, for array_contains in HQL
    asset_ids                 varchar[]   not null,
    threat_id                 uuid        references catalog_entry (id),
    vulnerability_id          uuid        references catalog_entry (id),
    owner                     text        not null,
    cia                       varchar[]   not null,
    proposed_impact           integer,
    inherent_likelihood       integer,
    inherent_impact           integer,
    inherent_score            integer,
    inherent_level            text,
    treatment_option          text,
    -- the plan items as a JSON array (RiskDtos.PlanItem); control_ids is their union, for filters and events
    treatment_plan            text,
    control_ids               varchar[]   not null,
    residual_likelihood       integer,
    residual_impact           integer,
    residual_score            integer,
    residual_level            text,
    -- the level the risk stands at now: residual when assessed, else inherent; and whether it exceeds appetite
    level                     text,
    above_appetite            boolean     not null,
    methodology_version       integer     not null,
    acceptance_approver       text,
    acceptance_justification  text,
    acceptance_expires_at     timestamptz,
    accepted_at               timestamptz,
    status                    text        not null,
    review_required           boolean     not null,
    -- why a review is required: a JSON array of ReviewReason, each with its time and the event that raised it
    review_reasons            text        not null,
    next_review_due           date,
    -- the due date the overdue job last flagged, so that it flags each due date once
    overdue_flagged_for       date,
    last_reviewed_by          text,
    last_reviewed_at          timestamptz,
    closed_reason             text,
    created_by                text        not null,
    created_at                timestamptz not null,
    updated_by                text        not null,
    updated_at                timestamptz not null,
    version                   bigint      not null
);
create index risk_tenant_idx on risk (tenant_id, title);
create index risk_assets_idx on risk using gin (asset_ids);
create index risk_acceptance_due_idx on risk (acceptance_expires_at) where status = 'ACCEPTED';
create index risk_review_due_idx on risk (next_review_due) where status <> 'CLOSED';
