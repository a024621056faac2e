-- A FILE counts as evidence once it has a revision: a file recorded without an upload supports no control yet.
create or replace function keep_evidence_control() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from evidence_control where tenant_id = old.tenant_id and evidence_id = old.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and (new.kind = 'LINK' or new.revision > 0) then
        insert into evidence_control (tenant_id, control_id, evidence_id, valid_from, expires_at)
        select distinct new.tenant_id, c, new.id, new.valid_from, new.expires_at from unnest(new.control_ids) c;
    end if;
    return null;
end $$;

delete from evidence_control ec using evidence e
 where e.tenant_id = ec.tenant_id and e.id = ec.evidence_id and e.kind = 'FILE' and e.revision = 0;
