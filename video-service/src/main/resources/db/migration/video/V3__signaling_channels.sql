-- KVS WebRTC signaling channels, per account and region. The relay's messages are not kept here: they live at most
-- MessageTtlSeconds (120 s), in the memory of the instance the peers are connected to.
create table signaling_channel (
    id                  uuid        primary key,
    account_id          text        not null,
    region              text        not null,
    name                text        not null,
    channel_type        text        not null,
    status              text        not null,
    version             text        not null,
    created_at          timestamptz not null,
    message_ttl_seconds integer     not null,
    constraint signaling_channel_name_unique unique (account_id, region, name)
);

create table signaling_channel_tag (
    channel_id uuid not null references signaling_channel (id) on delete cascade,
    tag_key    text not null,
    tag_value  text not null,
    primary key (channel_id, tag_key)
);
