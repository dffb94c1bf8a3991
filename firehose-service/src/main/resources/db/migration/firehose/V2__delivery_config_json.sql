-- A delivery stream's source and destination are kept as JSON documents: the destination types (S3, HTTP endpoint,
-- warehouse) and their many optional members change without a migration each.
alter table firehose.delivery_stream
    add column source_config      text,
    add column destination_config text;

update firehose.delivery_stream
   set source_config = '{"type":"DirectPut"}',
       destination_config = json_build_object(
           'type', 'ExtendedS3',
           'roleArn', role_arn,
           'bucketArn', bucket_arn,
           'prefix', prefix,
           'errorOutputPrefix', error_output_prefix,
           'buffering', json_build_object('sizeInMBs', buffer_size_mib, 'intervalInSeconds', buffer_interval_seconds),
           'compression', compression_format)::text;

alter table firehose.delivery_stream
    alter column source_config set not null,
    alter column destination_config set not null,
    drop column role_arn,
    drop column bucket_arn,
    drop column prefix,
    drop column error_output_prefix,
    drop column buffer_size_mib,
    drop column buffer_interval_seconds,
    drop column compression_format;
