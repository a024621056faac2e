-- Per control, what the SoA and the control list count: the live risks calling for it and the evidence of it, as
-- tables the database keeps from risk_link and evidence by trigger (like an index: nothing else writes them). A
-- tenant's SoA then reads one index range per control instead of unnesting every risk's and evidence's array.

create table control_risk (
    tenant_id   text not null,
    control_id  text not null,
    risk_id     uuid not null,
    title       text not null,
    primary key (tenant_id, control_id, risk_id)
);
create index control_risk_title_idx on control_risk (tenant_id, control_id, title, risk_id);

create function keep_control_risk() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from control_risk where tenant_id = old.tenant_id and risk_id = old.risk_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and not new.deleted and new.status <> 'CLOSED' then
        insert into control_risk (tenant_id, control_id, risk_id, title)
        select distinct new.tenant_id, c, new.risk_id, new.title from unnest(new.control_ids) c;
    end if;
    return null;
end $$;
create trigger risk_link_keeps_control_risk after insert or update or delete on risk_link
    for each row execute function keep_control_risk();
insert into control_risk (tenant_id, control_id, risk_id, title)
select distinct tenant_id, c, risk_id, title from risk_link, unnest(control_ids) c
 where not deleted and status <> 'CLOSED';

create table evidence_control (
    tenant_id    text not null,
    control_id   text not null,
    evidence_id  uuid not null,
    valid_from   date,
    expires_at   date,
    primary key (tenant_id, control_id, evidence_id)
);
create index evidence_control_dates_idx on evidence_control (tenant_id, control_id) include (valid_from, expires_at);

create function keep_evidence_control() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from evidence_control where tenant_id = old.tenant_id and evidence_id = old.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into evidence_control (tenant_id, control_id, evidence_id, valid_from, expires_at)
        select distinct new.tenant_id, c, new.id, new.valid_from, new.expires_at from unnest(new.control_ids) c;
    end if;
    return null;
end $$;
create trigger evidence_keeps_evidence_control after insert or update or delete on evidence
    for each row execute function keep_evidence_control();
insert into evidence_control (tenant_id, control_id, evidence_id, valid_from, expires_at)
select distinct tenant_id, c, id, valid_from, expires_at from evidence, unnest(control_ids) c;
