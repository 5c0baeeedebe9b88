-- The write service's source of truth: an append-only log of events, one stream per aggregate.
create table events (
    global_position bigint generated always as identity primary key,
    stream_type     text        not null,
    stream_id       text        not null,
    version         bigint      not null check (version > 0),
    event_id        uuid        not null unique,
    event_type      text        not null,
    payload         jsonb       not null,
    metadata        jsonb       not null default '{}',
    occurred_at     timestamptz not null default now(),
    -- the optimistic concurrency rule: one event per stream version, so a concurrent writer fails
    constraint events_stream_version unique (stream_type, stream_id, version)
);

create function events_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'events are append-only: % refused', tg_op;
end;
$$;

create trigger events_append_only
    before update or delete or truncate on events
    for each statement execute function events_are_append_only();

-- Debezium reads inserts through this publication; it exists before the first event is written.
create publication allyledger_events for table events with (publish = 'insert');
