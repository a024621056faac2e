-- Who changed something, by stable user id (the token's sub) next to the user name: names can change,
-- ids do not. Rows written before this migration keep their name only.
alter table asset add column created_by_id text;
alter table asset add column updated_by_id text;
alter table asset_change add column changed_by_id text;
