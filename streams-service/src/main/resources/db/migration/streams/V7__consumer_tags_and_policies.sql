-- The tags of an enhanced fan-out consumer (AWS allows 50) and its resource-based policy, kept as V3 keeps those of a
-- stream. Both go with their consumer, and so with its stream.

-- One row per tagged consumer: the aggregate root that writers lock, so the 50-tag limit holds under concurrency.
create table streams.consumer_tag_set (
    consumer_id uuid primary key references streams.consumer (id) on delete cascade
);

-- Deleting the consumer deletes its tag set, and that its tags.
create table streams.consumer_tag (
    consumer_id uuid         not null references streams.consumer_tag_set (consumer_id) on delete cascade,
    tag_key     varchar(128) not null,
    tag_value   varchar(256) not null,
    primary key (consumer_id, tag_key)
);

create table streams.consumer_resource_policy (
    consumer_id uuid primary key references streams.consumer (id) on delete cascade,
    policy      text not null
);
