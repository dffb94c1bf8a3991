-- The outbox of fragment events: a row is written in the transaction that indexes its fragment, and deleted once
-- Kafka has acknowledged the event, so an indexed fragment's event reaches Kafka at least once and no event names a
-- fragment that was not indexed.
create table fragment_event (
    id         bigserial   primary key,
    stream_id  uuid        not null,
    payload    text        not null,
    created_at timestamptz not null
);
