-- Firehose delivery streams. Their records are buffered in Kafka: one topic per delivery stream, named from its id.
create table firehose.delivery_stream (
    id                      uuid          primary key,
    account_id              varchar(12)   not null,
    region                  varchar(32)   not null,
    name                    varchar(64)   not null,
    status                  varchar(16)   not null,
    stream_type             varchar(32)   not null,
    version_id              bigint        not null,
    topic                   varchar(249)  not null,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null,
    -- The extended S3 destination: the only destination type so far.
    role_arn                varchar(512)  not null,
    bucket_arn              varchar(2048) not null,
    prefix                  varchar(1024) not null,
    error_output_prefix     varchar(1024) not null,
    buffer_size_mib         integer       not null,
    buffer_interval_seconds integer       not null,
    compression_format      varchar(16)   not null,
    row_version             bigint        not null
);

-- A name is taken until its delivery stream is gone, DELETING included, as in AWS.
create unique index delivery_stream_name_per_account on firehose.delivery_stream (account_id, region, name);
