-- Kinesis streams and their shards. Records live in Kafka: one topic per stream, one partition per shard.
create table streams.stream (
    id                uuid         primary key,
    account_id        varchar(12)  not null,
    region            varchar(32)  not null,
    name              varchar(128) not null,
    status            varchar(16)  not null,
    stream_mode       varchar(16)  not null,
    retention_hours   integer      not null,
    topic             varchar(249) not null,
    created_at        timestamptz  not null,
    status_changed_at timestamptz  not null,
    version           bigint       not null
);

-- A name is taken until its stream is gone, DELETING included, as in AWS.
create unique index stream_name_per_account on streams.stream (account_id, region, name);

create table streams.shard (
    stream_id             uuid          not null references streams.stream (id) on delete cascade,
    shard_index           integer       not null,
    parent_index          integer,
    adjacent_parent_index integer,
    starting_hash_key     numeric(39,0) not null,
    ending_hash_key       numeric(39,0) not null,
    created_at            timestamptz   not null,
    closed_at             timestamptz,
    ending_offset         bigint,
    primary key (stream_id, shard_index)
);

-- The server secret that seals shard iterators; shared by every instance through the database.
create table streams.iterator_key (
    id     integer primary key,
    secret bytea   not null
);
