-- Every generation's positions count the events applied (the inbox migration adds the column to public's table, which
-- generations made before it do not have), and reporting_positions reads that count instead of counting the inbox.
do $$
declare
    generation text;
begin
    for generation in select t.table_schema from information_schema.tables t
                      where t.table_name = 'projection_positions' and t.table_schema like 'rm\_%'
                      and not exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema
                                      and c.table_name = 'projection_positions' and c.column_name = 'applied') loop
        execute format('alter table %I.projection_positions add column applied bigint not null default 0', generation);
        execute format('update %I.projection_positions p set applied = (select count(*) from %I.consumed_events c'
                       ' where c.consumer = p.consumer and c.topic = p.topic and c.kafka_partition = p.kafka_partition)',
                       generation, generation);
    end loop;
end $$;

create or replace function reporting_positions(p_schema text)
    returns table (consumer text, kafka_partition integer, kafka_offset bigint, event_time timestamptz, applied bigint)
    language plpgsql stable as $$
begin
    if not exists (select 1 from pg_namespace where nspname = p_schema) then
        return;
    end if;
    return query execute format('select p.consumer, p.kafka_partition, p.kafka_offset, p.event_time, p.applied'
                                ' from %I.projection_positions p', p_schema);
end $$;
