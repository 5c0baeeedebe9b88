-- What each consumer has applied, written in the same transaction as the change it made,
-- so an event delivered twice (Kafka is at-least-once) is applied once.
create table consumed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    topic        text        not null,
    kafka_partition integer  not null,
    kafka_offset bigint      not null,
    consumed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index consumed_events_position on consumed_events (consumer, topic, kafka_partition, kafka_offset desc);
