-- Settings a caller changes on a live stream. Retention already has its column (retention_hours); these are the
-- largest record the stream takes (UpdateMaxRecordSize, AWS's default 1 MiB) and the shard-level metrics that
-- EnableEnhancedMonitoring turned on, as a comma-separated list of AWS metric names ('' when none).
alter table streams.stream
    add column max_record_size_kib integer      not null default 1024,
    add column shard_level_metrics varchar(512) not null default '';
