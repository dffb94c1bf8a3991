-- A resharding writes its new shards first as pending (invisible to readers and writers), then switches the shard
-- map over in one step; pending rows let a restart finish a resharding that a crash interrupted.
alter table streams.shard add column pending boolean not null default false;
