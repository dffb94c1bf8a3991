-- The latest failed delivery of each delivery stream, so DescribeDeliveryStream on every instance shows it as the
-- stream's FailureDescription. The row is removed when a delivery of the stream succeeds again.
create table firehose.delivery_error (
    delivery_stream_id uuid          primary key references firehose.delivery_stream (id) on delete cascade,
    error_code         varchar(128)  not null,
    message            varchar(2048) not null,
    first_failed_at    timestamptz   not null,
    last_failed_at     timestamptz   not null,
    attempts           bigint        not null
);
