-- How far each consumer has read each partition, duplicates included: written with every record it handles.
create table projection_positions (
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    event_time      timestamptz not null,
    updated_at      timestamptz not null default now(),
    primary key (consumer, topic, kafka_partition)
);
