-- The transactional outbox of the stream catalogue (topic shardline.streams.catalog): a row per change of a stream,
-- written in the transaction that changed it, while it holds the stream's row lock, so the ids of one stream's rows
-- follow the order of its commits. The relay publishes rows in id order and deletes them once the broker has them.
create table streams.catalog_outbox (
    id         bigint generated always as identity primary key,
    stream_arn varchar(2048) not null,
    -- the catalogue entry (JSON, versioned) as of the commit; null for a deleted stream's tombstone
    entry      text
);
