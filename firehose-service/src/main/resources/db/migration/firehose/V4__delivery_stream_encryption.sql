-- Server-side encryption of a delivery stream's buffered records (StartDeliveryStreamEncryption): the status AWS
-- reports, the key type, and the KMS key that wraps the data keys (the AWS owned key is alias/aws/firehose).
alter table firehose.delivery_stream
    add column encryption_status   varchar(16)  not null default 'DISABLED',
    add column encryption_key_type varchar(32),
    add column encryption_key_arn  varchar(512);
