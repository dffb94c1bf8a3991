-- Enhanced fan-out consumers of a stream. They go with their stream.
create table streams.consumer (
    id                uuid         primary key,
    stream_id         uuid         not null references streams.stream (id) on delete cascade,
    name              varchar(128) not null,
    status            varchar(16)  not null,
    created_at        timestamptz  not null,
    status_changed_at timestamptz  not null,
    version           bigint       not null
);

-- A name is taken until its consumer is gone, DELETING included.
create unique index consumer_name_per_stream on streams.consumer (stream_id, name);

-- At most one SubscribeToShard per consumer and shard at a time, across instances: the subscription holds a lease
-- and renews it while it runs; the lease of an instance that died runs out.
create table streams.consumer_subscription (
    consumer_id uuid        not null references streams.consumer (id) on delete cascade,
    shard_index integer     not null,
    holder      uuid        not null,
    expires_at  timestamptz not null,
    primary key (consumer_id, shard_index)
);
