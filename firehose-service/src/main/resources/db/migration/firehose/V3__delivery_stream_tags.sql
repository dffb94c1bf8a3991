-- Tags of a delivery stream (TagDeliveryStream, CreateDeliveryStream's Tags): at most 50 per stream, gone with it.
create table firehose.delivery_stream_tag (
    delivery_stream_id uuid         not null references firehose.delivery_stream (id) on delete cascade,
    tag_key            varchar(128) not null,
    tag_value          varchar(256) not null,
    primary key (delivery_stream_id, tag_key)
);
