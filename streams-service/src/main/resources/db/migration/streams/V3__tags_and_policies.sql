-- The tags of a stream (AWS allows 50) and its resource-based policy. Both go with their stream.

-- One row per tagged stream: the aggregate root that writers lock, so the 50-tag limit holds under concurrency.
create table streams.stream_tag_set (
    stream_id uuid primary key references streams.stream (id) on delete cascade
);

-- Deleting the stream deletes its tag set, and that its tags.
create table streams.stream_tag (
    stream_id uuid         not null references streams.stream_tag_set (stream_id) on delete cascade,
    tag_key   varchar(128) not null,
    tag_value varchar(256) not null,
    primary key (stream_id, tag_key)
);

create table streams.resource_policy (
    stream_id uuid primary key references streams.stream (id) on delete cascade,
    policy    text not null
);
