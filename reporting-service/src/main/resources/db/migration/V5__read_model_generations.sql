-- Each projection keeps its tables, and its inbox (consumed_events, projection_positions), in a schema of its own
-- generation: rm_<projection>_<n>. public has a view per table onto the live generation, which is what reports read.
-- A rebuild fills a new generation beside the live one; the swap repoints the views in one transaction.
create table projection_generations (
    projection  text        primary key,
    schema_name text        not null unique,
    generation  integer     not null,
    live_since  timestamptz not null default now()
);

create table projection_rebuilds (
    rebuild_id        uuid        primary key,
    projection        text        not null,
    generation        integer     not null,
    schema_name       text        not null,
    status            text        not null, -- RUNNING, SWAPPED, CANCELLED
    requested_by      text        not null,
    idempotency_key   text,
    requested_at      timestamptz not null default now(),
    finished_at       timestamptz,
    records_read      bigint      not null default 0,
    malformed_skipped bigint      not null default 0,
    worker            text,
    heartbeat_at      timestamptz,
    unique (projection, idempotency_key)
);
create unique index projection_rebuilds_one_running on projection_rebuilds (projection) where status = 'RUNNING';

-- Move the tables projected so far into generation 1 of their projection, with the projection's inbox rows.
do $$
declare
    owned  record;
    target text;
    tbl    text;
begin
    for owned in select * from (values
            ('reporting.people', 'people', array['people', 'person_history']),
            ('reporting.recognition', 'recognition', array['nominations', 'endorsements', 'awards']),
            ('reporting.commitments', 'commitments', array['commitments', 'commitment_actions']),
            ('reporting.sponsorships', 'sponsorships', array['initiatives', 'pledges'])) as t(projection, key, tables)
    loop
        target := 'rm_' || owned.key || '_1';
        execute format('create schema %I', target);
        foreach tbl in array owned.tables loop
            execute format('alter table public.%I set schema %I', tbl, target);
            execute format('create view public.%I as select * from %I.%I', tbl, target, tbl);
        end loop;
        execute format('create table %I.consumed_events (like public.consumed_events including all)', target);
        execute format('create table %I.projection_positions (like public.projection_positions including all)', target);
        execute format('insert into %I.consumed_events select * from public.consumed_events where consumer = %L', target, owned.projection);
        execute format('insert into %I.projection_positions select * from public.projection_positions where consumer = %L',
                       target, owned.projection);
        delete from public.consumed_events where consumer = owned.projection;
        delete from public.projection_positions where consumer = owned.projection;
        insert into projection_generations (projection, schema_name, generation) values (owned.projection, target, 1);
    end loop;
end $$;

-- Run first in every live projection transaction: waits while a swap is under way (it holds the exclusive lock),
-- then makes the projection's unqualified table names, inbox included, resolve to its live generation.
create function reporting_enter_live(p_projection text) returns text
    language plpgsql as $$
declare
    live text;
begin
    perform pg_advisory_xact_lock_shared(hashtext('projection:' || p_projection));
    select schema_name into live from projection_generations where projection = p_projection;
    if live is null then
        raise exception 'no live generation of projection %', p_projection;
    end if;
    perform set_config('search_path', quote_ident(live) || ', public', true);
    return live;
end $$;

-- A new, empty generation beside the live one: the same tables, constraints and indexes.
create function reporting_new_generation(p_projection text, p_schema text) returns void
    language plpgsql as $$
declare
    live text;
    tbl  text;
begin
    select schema_name into live from projection_generations where projection = p_projection;
    execute format('create schema %I', p_schema);
    for tbl in select table_name from information_schema.tables where table_schema = live and table_type = 'BASE TABLE' loop
        execute format('create table %I.%I (like %I.%I including all)', p_schema, tbl, live, tbl);
    end loop;
end $$;

-- Swaps a rebuilt generation in if it has applied at least every record the live one has, partition by partition;
-- answers the schema it replaced, or null (nothing changed) while the rebuild is still behind. Live projection
-- transactions wait on the lock until the swap commits, then continue in the new generation, where the inbox
-- recognises the records the rebuild already applied.
create function reporting_swap_generation(p_projection text, p_schema text, p_generation integer) returns text
    language plpgsql as $$
declare
    live   text;
    behind boolean;
    tbl    text;
begin
    -- a report holding a view for long makes the swap give up and try again, rather than queue every report behind it
    perform set_config('lock_timeout', '2s', true);
    perform pg_advisory_xact_lock(hashtext('projection:' || p_projection));
    select schema_name into live from projection_generations where projection = p_projection for update;
    execute format('select exists (select 1 from %I.projection_positions l left join %I.projection_positions n'
                   ' using (consumer, topic, kafka_partition) where l.consumer = %L'
                   ' and (n.kafka_offset is null or n.kafka_offset < l.kafka_offset))', live, p_schema, p_projection)
        into behind;
    if behind then
        return null;
    end if;
    for tbl in select table_name from information_schema.tables where table_schema = p_schema and table_type = 'BASE TABLE'
               and table_name not in ('consumed_events', 'projection_positions') loop
        execute format('create or replace view public.%I as select * from %I.%I', tbl, p_schema, tbl);
    end loop;
    update projection_generations set schema_name = p_schema, generation = p_generation, live_since = now()
    where projection = p_projection;
    return live;
end $$;

-- Drops a generation that is not live: the one a swap replaced, or a cancelled rebuild's.
create function reporting_drop_generation(p_schema text) returns void
    language plpgsql as $$
begin
    if exists (select 1 from projection_generations where schema_name = p_schema) then
        raise exception 'generation % is live', p_schema;
    end if;
    execute format('drop schema if exists %I cascade', p_schema);
end $$;

-- Per partition: the last offset a generation handled, that record's event time and the events it applied.
create function reporting_positions(p_schema text)
    returns table (consumer text, kafka_partition integer, kafka_offset bigint, event_time timestamptz, applied bigint)
    language plpgsql stable as $$
begin
    if not exists (select 1 from pg_namespace where nspname = p_schema) then
        return;
    end if;
    return query execute format('select p.consumer, p.kafka_partition, p.kafka_offset, p.event_time,'
                                ' (select count(*) from %I.consumed_events c where c.consumer = p.consumer'
                                ' and c.kafka_partition = p.kafka_partition) from %I.projection_positions p', p_schema, p_schema);
end $$;
