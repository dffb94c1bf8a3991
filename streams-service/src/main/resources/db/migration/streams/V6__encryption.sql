-- Server-side encryption of a stream (StartStreamEncryption): NONE or KMS, and the KMS key id as the caller gave it
-- (a key id, key ARN, alias name or alias ARN), resolved in the stream's account and region whenever it is used.
alter table streams.stream
    add column encryption_type varchar(8) not null default 'NONE',
    add column key_id          varchar(2048);
