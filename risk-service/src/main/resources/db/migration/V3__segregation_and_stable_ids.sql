-- The asset projection is keyed by tenant and asset: an event of one tenant can never touch another's row.
alter table asset_projection drop constraint asset_projection_pkey;
alter table asset_projection add primary key (tenant_id, asset_id);

-- Owners, approvers, reviewers and authors by stable user id (the token's sub) next to the user name;
-- user names compared as Keycloak keeps them (lower-case).
alter table risk add column owner_id text;
alter table risk add column acceptance_approver_id text;
alter table risk add column last_reviewed_by_id text;
alter table risk add column created_by_id text;
alter table risk add column updated_by_id text;
update risk set owner = lower(btrim(owner));
create index risk_owner_idx on risk (tenant_id, owner);

alter table risk_methodology add column changed_by_id text;
alter table catalog_entry add column created_by_id text;
alter table catalog_entry add column updated_by_id text;
