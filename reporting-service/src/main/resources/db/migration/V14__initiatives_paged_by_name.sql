-- The sponsorship report lists a year's initiatives a page at a time, by name: an index in that order reads a page's rows
-- and no more, instead of sorting the year's. It serves the lookups by year too, so the index on year alone goes. In
-- every generation, where that index was copied under a name of its own; new generations copy the live one's.
do $$
declare
    found record;
begin
    for found in select n.nspname as generation from pg_class t join pg_namespace n on n.oid = t.relnamespace
                 where t.relname = 'initiatives' and t.relkind = 'r' loop
        execute format('create index on %I.initiatives (year, name, initiative_id)', found.generation);
    end loop;
    for found in select n.nspname as generation, c.relname as index_name
                 from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
                 join pg_namespace n on n.oid = t.relnamespace
                 where t.relname = 'initiatives' and not i.indisprimary and pg_get_indexdef(i.indexrelid) like '%(year)' loop
        execute format('drop index %I.%I', found.generation, found.index_name);
    end loop;
end $$;
