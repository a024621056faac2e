-- risk-service keeps what it needs of asset-service's assets, fed by isms.asset.events (never by
-- reading asset-service's tables). Risks refer to these rows; a deleted asset stays, marked deleted.
create table asset_projection (
    asset_id        uuid        primary key,
    tenant_id       text        not null,
    name            text        not null,
    type            text,
    owner           text,
    status          text,
    -- the asset's effective CIA ratings (after the maximum principle), what a risk's impact is proposed from
    confidentiality integer     not null check (confidentiality between 1 and 4),
    integrity       integer     not null check (integrity between 1 and 4),
    availability    integer     not null check (availability between 1 and 4),
    deleted         boolean     not null default false,
    -- how many events have been applied; a redelivered event must not move it
    revision        bigint      not null,
    last_event_id   text        not null,
    last_event_at   timestamptz not null
);
create index asset_projection_tenant_idx on asset_projection (tenant_id, name);
