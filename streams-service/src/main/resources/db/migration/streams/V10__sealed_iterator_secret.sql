-- The shard-iterator secret is sealed under the master key (shardline.kms.master-key); this names the master key that
-- sealed it. A row without one holds the secret of an older version in plain text: the service seals it at start.
alter table streams.iterator_key
    add column master_key_id varchar(16);
