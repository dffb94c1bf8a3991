-- The local key service's KMS keys and their aliases. A key's material is sealed (AES-GCM) under the master key
-- (shardline.kms.master-key); master_key_id is the fingerprint of the master key that sealed it.
create table keys.kms_key (
    id            uuid          primary key,
    account_id    varchar(12)   not null,
    region        varchar(32)   not null,
    description   varchar(8192) not null,
    aws_managed   boolean       not null,
    key_state     varchar(32)   not null,
    material      bytea         not null,
    master_key_id varchar(16)   not null,
    created_at    timestamptz   not null
);

-- An alias names one key in its account and region; alias/aws/kinesis is created on first use, as AWS does.
create table keys.kms_alias (
    account_id varchar(12)  not null,
    region     varchar(32)  not null,
    alias_name varchar(256) not null,
    key_id     uuid         not null references keys.kms_key (id),
    primary key (account_id, region, alias_name)
);

create index kms_alias_key on keys.kms_alias (key_id);
