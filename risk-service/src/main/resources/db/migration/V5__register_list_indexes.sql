-- The register's list filters, within a tenant, each served by an index, so that a filtered page stays fast at
-- 100,000 risks (risk-service README, "Performance"). Before, every filter but owner scanned the tenant's rows.
create extension if not exists pg_trgm;

-- level and status, in the order the register is read most: highest residual first (id breaks ties, as the API does)
create index risk_tenant_level_status_idx on risk (tenant_id, level, status, residual_score desc, id);
create index risk_tenant_status_idx on risk (tenant_id, status, residual_score desc, id);
-- an owner's risks, narrowed by the two flags a risk owner works through
drop index risk_owner_idx;
create index risk_tenant_owner_idx on risk (tenant_id, owner, above_appetite, review_required);
-- the work lists: above appetite, review required, review overdue
create index risk_tenant_above_appetite_idx on risk (tenant_id, residual_score desc, id) where above_appetite;
create index risk_tenant_review_required_idx on risk (tenant_id, updated_at) where review_required;
create index risk_tenant_review_due_idx on risk (tenant_id, next_review_due) where status <> 'CLOSED';
-- q: a text anywhere in title or description (lower(...) like '%text%')
create index risk_title_trgm_idx on risk using gin (lower(title) gin_trgm_ops);
create index risk_description_trgm_idx on risk using gin (lower(description) gin_trgm_ops);
