-- The retention purge (org.isms.platform.retention.Retention) finds old rows by these.
create index outbox_sent_idx on outbox (sent_at) where sent_at is not null;
create index processed_event_at_idx on processed_event (processed_at);
