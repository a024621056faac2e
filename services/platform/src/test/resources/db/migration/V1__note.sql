create table note (
    id         uuid primary key,
    tenant_id  text        not null,
    text       text        not null,
    priority   text        not null,
    rating     integer     not null,
    status     text        not null,
    created_by text        not null,
    created_at timestamptz not null,
    version    bigint      not null
);
create index note_tenant on note (tenant_id, created_at);

-- effects of the test consumer (NoteEventsConsumer): one row per processed event
create table note_effect (
    event_id text        not null,
    note_id  text        not null,
    text     varchar(200),
    at       timestamptz not null default now()
);
