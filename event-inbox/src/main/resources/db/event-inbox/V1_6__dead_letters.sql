-- Records a consumer could not apply: kept whole (key, value and headers as bytes, as Kafka delivered them) so an
-- operator can read why and re-drive them through the same inbox once the cause is fixed.
create table dead_letters (
    id               bigserial   primary key,
    consumer         text        not null,
    topic            text        not null,
    kafka_partition  integer     not null,
    kafka_offset     bigint      not null,
    record_timestamp timestamptz not null,
    record_key       bytea,
    record_value     bytea,
    -- [{"name": ..., "value": base64}]: a header may hold any bytes, which neither text nor jsonb can
    record_headers   text        not null,
    reason           text        not null,
    attempts         integer     not null default 1,
    status           text        not null default 'DEAD' check (status in ('DEAD', 'REDRIVEN')),
    first_failed_at  timestamptz not null default now(),
    last_failed_at   timestamptz not null default now(),
    redriven_at      timestamptz,
    unique (consumer, topic, kafka_partition, kafka_offset)
);

create index dead_letters_open on dead_letters (consumer, first_failed_at) where status = 'DEAD';
