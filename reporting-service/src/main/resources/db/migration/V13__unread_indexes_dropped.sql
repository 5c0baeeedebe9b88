-- Indexes nothing reads, which every event paid for with one more btree insert: the inbox's by position (positions
-- count the events applied since V1_7; V1_9 drops public's) and the actions' by commitment (the commitment counts its
-- actions; the actions table only keeps each action once). Dropped in every generation, where they were copied under
-- names of their own, so each is found by its table; new generations copy the live one's, without them.
do $$
declare
    found record;
begin
    for found in select n.nspname as generation, c.relname as index_name
                 from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
                 join pg_namespace n on n.oid = t.relnamespace
                 where t.relname in ('consumed_events', 'commitment_actions') and not i.indisprimary loop
        execute format('drop index %I.%I', found.generation, found.index_name);
    end loop;
end $$;
