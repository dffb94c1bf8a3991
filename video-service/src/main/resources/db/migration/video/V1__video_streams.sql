-- Kinesis video streams, per account and region; a DELETING stream keeps its name until it is gone, as in AWS.
create table video_stream (
    id                   uuid        primary key,
    account_id           text        not null,
    region               text        not null,
    name                 text        not null,
    device_name          text,
    media_type           text,
    kms_key_id           text        not null,
    status               text        not null,
    version              text        not null,
    created_at           timestamptz not null,
    data_retention_hours integer     not null,
    constraint video_stream_name_unique unique (account_id, region, name)
);

create table video_stream_tag (
    stream_id uuid not null references video_stream (id) on delete cascade,
    tag_key   text not null,
    tag_value text not null,
    primary key (stream_id, tag_key)
);

-- The fragment index: one row per fragment that is durable in the object store. Fragment numbers have a fixed width,
-- so their text order is their numeric order.
create table fragment (
    stream_id          uuid        not null references video_stream (id) on delete cascade,
    fragment_number    text        not null,
    producer_timestamp timestamptz not null,
    server_timestamp   timestamptz not null,
    duration_ms        bigint      not null,
    size_bytes         bigint      not null,
    object_key         text        not null,
    primary key (stream_id, fragment_number)
);

create index fragment_by_producer_time on fragment (stream_id, producer_timestamp);

create sequence fragment_counter;
