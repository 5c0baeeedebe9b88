-- A rebuild writes its facts without the tallies' triggers, which cost more than half of its database time, and counts
-- its tallies once, from those facts, when it has read to the end of its topic; the triggers are attached in the same
-- transaction, so that whatever it applies after that, until the swap, moves them as it moves the live generation's.
-- Re-attribution before then changes only facts, which the count reads.
create or replace function reporting_new_generation(p_projection text, p_schema text) returns void
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

-- Counts a rebuilt generation's tallies from its facts and attaches their triggers, once: a generation with its
-- triggers (made before this migration, or counted already) is left as it is.
create function reporting_complete_generation(p_projection text, p_schema text) returns void
    language plpgsql as $$
begin
    perform reporting_enter_generation(p_projection, p_schema);
    if exists (select 1 from pg_trigger t join pg_class c on c.oid = t.tgrelid
               where c.relnamespace = to_regnamespace(p_schema) and not t.tgisinternal) then
        return;
    end if;
    if p_projection = 'reporting.people' then
        insert into headcount_tally select department, location, work_model, count(*) from people where active group by 1, 2, 3;
    elsif p_projection = 'reporting.recognition' then
        insert into recognition_tally
        select award_month, department, location, work_model, sum(nominations), sum(awards) from (
            select award_month, nominee_department, nominee_location, nominee_work_model, 1, 0 from nominations
            where status = 'SUBMITTED' and nominee_department is not null
            union all
            select award_month, winner_department, winner_location, winner_work_model, 0, 1 from awards
            where status = 'AWARDED' and winner_department is not null) f(award_month, department, location, work_model, nominations, awards)
        group by 1, 2, 3, 4;
        perform reporting_stand(award_month, nominee_id)
        from (select distinct award_month, nominee_id from nominations where status = 'SUBMITTED') counted;
    elsif p_projection = 'reporting.commitments' then
        insert into commitment_tally
        select extract(year from starts_on)::integer, category, ally_department, count(*),
               count(*) filter (where status = 'ACTIVE'), count(*) filter (where status = 'FULFILLED'),
               count(*) filter (where status = 'WITHDRAWN'), count(*) filter (where status = 'LAPSED'),
               sum(actions_logged), count(*) filter (where renewed_as is not null)
        from commitments group by 1, 2, 3;
    elsif p_projection = 'reporting.sponsorships' then
        update initiatives i set sponsors = p.sponsors, fulfilled_sponsors = p.fulfilled
        from (select initiative_id, count(*) filter (where status <> 'WITHDRAWN') as sponsors,
                     count(*) filter (where status = 'FULFILLED') as fulfilled
              from pledges group by 1) p
        where p.initiative_id = i.initiative_id;
        -- sponsors count where the person is now, while active: the live people
        insert into pledgers
        select p.year, p.ally_id, count(*), max(pe.department) from pledges p
        left join public.people pe on pe.employee_id = p.ally_id and pe.active
        where p.status <> 'WITHDRAWN' group by 1, 2;
        insert into coverage_tally select year, department, count(*) from pledgers where department is not null group by 1, 2;
    end if;
    perform reporting_attach_tallies(p_schema);
end $$;

-- The periods of these people's history rows, each from its start until the next row's: once per batch of the people
-- projection, for every person the batch touched, instead of once per event.
create function reporting_set_periods(p_people text[]) returns void
    language plpgsql as $$
begin
    update person_history h set period_start = p.period_start, period_end = p.period_end
    from (select employee_id, stream_version,
                 case when row_number() over w = 1 then '-infinity'::timestamptz else valid_from end as period_start,
                 coalesce(lead(valid_from) over w, 'infinity'::timestamptz) as period_end
          from person_history where employee_id = any(p_people)
          window w as (partition by employee_id order by valid_from, stream_version)) p
    where h.employee_id = p.employee_id and h.stream_version = p.stream_version
      and (h.period_start is distinct from p.period_start or h.period_end is distinct from p.period_end);
end $$;
