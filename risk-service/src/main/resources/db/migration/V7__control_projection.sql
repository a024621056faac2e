-- risk-service keeps what it needs of control-service's controls, fed by isms.control.events (never by reading
-- control-service's tables): each control's effectiveness, which proposes the residual of the risks relying on it
-- and flags them for review when it turns ineffective. Keyed by tenant and control.
create table control_projection (
    tenant_id        text        not null,
    control_id       text        not null,
    title            text        not null,
    applicable       boolean,
    status           text        not null,
    effectiveness    text        not null,
    -- the control's version (ControlSnapshot.version) the row reflects: an older event changes nothing
    control_version  bigint      not null,
    last_event_id    text        not null,
    last_event_at    timestamptz not null,
    primary key (tenant_id, control_id)
);

-- the open risks whose plan names a control (flagged when it turns ineffective)
create index risk_open_controls_idx on risk using gin (control_ids) where status <> 'CLOSED';
