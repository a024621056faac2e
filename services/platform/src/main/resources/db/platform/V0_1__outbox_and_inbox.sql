-- Platform tables every service has (Flyway location db/platform, next to the service's db/migration).
-- Platform migrations are numbered 0.x, so they run before a service's own V1.

-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    topic        text        not null,
    aggregate_id text        not null,
    tenant_id    text        not null,
    source       text        not null,
    occurred_at  timestamptz not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
-- the relay's claim: pending rows in order, and "is there an older pending row of this aggregate?"
create index outbox_pending on outbox (id) where sent_at is null;
create index outbox_pending_aggregate on outbox (aggregate_id, id) where sent_at is null;

-- Idempotent inbox: a consumer's effect and this row commit together; a redelivery finds the row.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
