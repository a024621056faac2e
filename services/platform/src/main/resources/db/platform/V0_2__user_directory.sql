-- The users each service has seen, per tenant (UserDirectory): a user name resolves to the stable id
-- (the token's sub) that rules about a person compare. Filled from the tokens of the requests a service answers.
create table directory_user (
    tenant_id  text        not null,
    user_id    text        not null,
    user_name  text        not null,
    first_seen timestamptz not null,
    last_seen  timestamptz not null,
    primary key (tenant_id, user_id)
);
create index directory_user_name_idx on directory_user (tenant_id, user_name);
