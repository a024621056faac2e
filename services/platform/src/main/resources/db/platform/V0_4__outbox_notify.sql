-- Wakes the outbox relay as soon as a transaction that wrote events commits: PostgreSQL delivers a NOTIFY at
-- commit (never for a rollback) and folds identical ones of a transaction into one, so a statement-level
-- trigger costs one notification per transaction however many rows it wrote. The relay's poll
-- (isms.outbox.poll-interval) stays the safety net for a notification missed while its listener reconnects.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('isms_outbox', '');
    return null;
end
$$;

create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();
