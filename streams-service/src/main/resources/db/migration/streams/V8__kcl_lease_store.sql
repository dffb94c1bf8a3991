-- The Kinesis Client Library's lease store: the DynamoDB tables it keeps its leases, coordinator state and worker
-- metrics in, served through the DynamoDB API subset the KCL uses (docs/kcl.md). Not a general DynamoDB.

-- A table of an account in a region; its key schema, indexes and settings as the DynamoDB wire describes them.
create table streams.lease_table (
    id          uuid         primary key,
    account_id  varchar(12)  not null,
    region      varchar(32)  not null,
    name        varchar(255) not null,
    definition  jsonb        not null,
    created_at  timestamptz  not null,
    unique (account_id, region, name)
);

-- One item: its key's values as text (a number normalised, a binary in base64; '' where the table has no range key)
-- and the whole item as DynamoDB's JSON, {"leaseKey": {"S": "shardId-000000000000"}, ...}.
create table streams.lease_item (
    table_id   uuid not null references streams.lease_table (id) on delete cascade,
    hash_key   text collate "C" not null,
    range_key  text collate "C" not null,
    item       jsonb not null,
    primary key (table_id, hash_key, range_key)
);
