-- Evidence that controls work: a file (revisions kept, each with its SHA-256) or a link, valid between two dates,
-- supporting one or more controls of the tenant.
create table evidence (
    tenant_id         text        not null,
    id                uuid        not null,
    title             text        not null,
    kind              text        not null check (kind in ('FILE', 'LINK')),
    url               text,
    description       text,
    -- varchar[], as Hibernate binds array_contains parameters
    control_ids       varchar[]   not null,
    valid_from        date,
    expires_at        date,
    -- the current file revision; 0 for a link or a file not yet uploaded
    revision          integer     not null,
    -- set when the expiry job has announced this expiry date (once, whatever the number of instances)
    expiry_announced  date,
    created_by        text,
    created_by_id     text,
    created_at        timestamptz not null,
    updated_by        text,
    updated_by_id     text,
    updated_at        timestamptz not null,
    version           bigint      not null,
    primary key (tenant_id, id),
    check (valid_from is null or expires_at is null or expires_at >= valid_from)
);
create index evidence_controls_idx on evidence using gin (control_ids);
create index evidence_expiry_idx on evidence (expires_at) where expires_at is not null;

create table evidence_revision (
    tenant_id       text        not null,
    evidence_id     uuid        not null,
    revision        integer     not null,
    file_name       text        not null,
    content_type    text        not null,
    size            bigint      not null,
    sha256          text        not null,
    uploaded_by     text        not null,
    uploaded_by_id  text        not null,
    uploaded_at     timestamptz not null,
    primary key (tenant_id, evidence_id, revision),
    foreign key (tenant_id, evidence_id) references evidence (tenant_id, id) on delete cascade
);

-- the bytes, apart from the revision's facts, so that listing revisions never reads them
create table evidence_content (
    tenant_id    text    not null,
    evidence_id  uuid    not null,
    revision     integer not null,
    content      bytea   not null,
    primary key (tenant_id, evidence_id, revision),
    foreign key (tenant_id, evidence_id, revision) references evidence_revision (tenant_id, evidence_id, revision)
        on delete cascade
);
