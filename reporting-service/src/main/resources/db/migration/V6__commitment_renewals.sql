-- Renewals: a commitment links back to the one it renews, and forward to its renewal. Added to the live generation of
-- reporting.commitments (later generations copy its shape); renewals projected before this version are filled in by a
-- rebuild of reporting.commitments.
do $$
declare
    live text;
begin
    select schema_name into live from projection_generations where projection = 'reporting.commitments';
    execute format('alter table %I.commitments add column renewed_from text, add column renewed_as text', live);
    execute format('create or replace view public.commitments as select * from %I.commitments', live);
end $$;
