-- The tallies and standings of the fact projections move once per statement instead of once per row: a batch's events
-- of a kind are one statement (set statements), and its triggers read the rows it changed as transition tables and
-- write each group's difference once. A tally row updated once per row of a batch left a version per update in the
-- transaction, which every later update of the row walked. people and awards, written a row per statement, keep their
-- row triggers.

-- The rows a statement changed, each with +1 (as it is now) or -1 (as it was): its new rows, its old rows, or both.
create function reporting_changed_rows(p_operation text, p_columns text) returns text
    language sql immutable as $$
    select case p_operation
               when 'INSERT' then format('select %s, 1 as sign from new_rows', p_columns)
               when 'DELETE' then format('select %s, -1 as sign from old_rows', p_columns)
               else format('select %1$s, 1 as sign from new_rows union all select %1$s, -1 as sign from old_rows', p_columns)
           end $$;

-- Each of these months' standing of each of these nominees, counted again from their submitted nominations then and
-- the endorsements of those.
create function reporting_stand_all(p_months text[], p_nominees text[]) returns void
    language plpgsql as $$
begin
    delete from standings s using unnest(p_months, p_nominees) as t(award_month, nominee_id)
    where s.award_month = t.award_month and s.nominee_id = t.nominee_id;
    insert into standings (award_month, nominee_id, score, nominations, endorsements, departments, categories, first_nominated_at)
    select n.award_month, n.nominee_id, 3 * count(*) + coalesce(sum(e.endorsements), 0), count(*), coalesce(sum(e.endorsements), 0),
           count(distinct n.nominator_department), string_agg(n.categories, ','), min(n.submitted_at)
    from (select distinct award_month, nominee_id from unnest(p_months, p_nominees) as t(award_month, nominee_id)) t
    join nominations n on n.award_month = t.award_month and n.nominee_id = t.nominee_id and n.status = 'SUBMITTED'
    left join lateral (select count(*) as endorsements from endorsements where nomination_id = n.nomination_id) e on true
    group by n.award_month, n.nominee_id;
end $$;

-- Nominations: the recognition tally of each nominee's group while submitted, and the standings of every month and
-- nominee whose counted nominations changed.
create function reporting_count_nominations() returns trigger
    language plpgsql as $$
declare
    months   text[];
    nominees text[];
begin
    execute format($sql$
        insert into recognition_tally as t (award_month, department, location, work_model, nominations, awards)
        select award_month, nominee_department, nominee_location, nominee_work_model, sum(sign), 0
        from (%s) changed
        where status = 'SUBMITTED' and nominee_department is not null
        group by 1, 2, 3, 4
        having sum(sign) <> 0
        on conflict (award_month, department, location, work_model) do update set nominations = t.nominations + excluded.nominations$sql$,
        reporting_changed_rows(tg_op, 'award_month, nominee_department, nominee_location, nominee_work_model, status'));
    -- a standing counts the nominee's submitted nominations, their endorsements and their nominators' departments: a
    -- nomination moves the standings it was and is in where one of those changed (its old and new row then differ)
    execute format($sql$
        select array_agg(award_month), array_agg(nominee_id) from (
            select distinct award_month, nominee_id from (
                select award_month, nominee_id from (%s) changed
                group by nomination_id, award_month, nominee_id, status, nominator_department
                having sum(sign) <> 0) moved) standing$sql$,
        reporting_changed_rows(tg_op, 'nomination_id, award_month, nominee_id, status, nominator_department'))
        into months, nominees;
    if months is not null then
        perform reporting_stand_all(months, nominees);
    end if;
    return null;
end $$;

-- An endorsement adds a point to its nomination's standing while the nomination counts.
create function reporting_count_endorsements() returns trigger
    language plpgsql as $$
begin
    execute format($sql$
        update standings s set endorsements = s.endorsements + moved.endorsements, score = s.score + moved.endorsements
        from (select n.award_month, n.nominee_id, sum(changed.sign) as endorsements
              from (%s) changed join nominations n on n.nomination_id = changed.nomination_id and n.status = 'SUBMITTED'
              group by 1, 2
              having sum(changed.sign) <> 0) moved
        where s.award_month = moved.award_month and s.nominee_id = moved.nominee_id$sql$,
        reporting_changed_rows(tg_op, 'nomination_id'));
    return null;
end $$;

-- Commitments: each group's counts in its year, category and ally's department.
create function reporting_count_commitments() returns trigger
    language plpgsql as $$
begin
    execute format($sql$
        insert into commitment_tally as t (year, category, department, commitments, active, fulfilled, withdrawn, lapsed, actions, renewed)
        select year, category, department, sum(sign), sum(sign * (status = 'ACTIVE')::integer),
               sum(sign * (status = 'FULFILLED')::integer), sum(sign * (status = 'WITHDRAWN')::integer),
               sum(sign * (status = 'LAPSED')::integer), sum(sign * actions_logged), sum(sign * (renewed_as is not null)::integer)
        from (%s) changed
        group by 1, 2, 3
        having sum(sign) <> 0 or sum(sign * (status = 'ACTIVE')::integer) <> 0 or sum(sign * (status = 'FULFILLED')::integer) <> 0
            or sum(sign * (status = 'WITHDRAWN')::integer) <> 0 or sum(sign * (status = 'LAPSED')::integer) <> 0
            or sum(sign * actions_logged) <> 0 or sum(sign * (renewed_as is not null)::integer) <> 0
        on conflict (year, category, department) do update set commitments = t.commitments + excluded.commitments,
            active = t.active + excluded.active, fulfilled = t.fulfilled + excluded.fulfilled, withdrawn = t.withdrawn + excluded.withdrawn,
            lapsed = t.lapsed + excluded.lapsed, actions = t.actions + excluded.actions, renewed = t.renewed + excluded.renewed$sql$,
        reporting_changed_rows(tg_op, 'extract(year from starts_on)::integer as year, category, ally_department as department, status,'
                                      ' actions_logged, renewed_as'));
    return null;
end $$;

-- Pledges: an initiative's sponsors (pledges not withdrawn) and those who fulfilled theirs; an ally's pledges not
-- withdrawn per year, which make them a sponsor of that year (their department looked up when they first count).
create function reporting_count_pledges() returns trigger
    language plpgsql as $$
begin
    execute format($sql$
        update initiatives i set sponsors = i.sponsors + moved.sponsors, fulfilled_sponsors = i.fulfilled_sponsors + moved.fulfilled
        from (select initiative_id, sum(sign * (status <> 'WITHDRAWN')::integer) as sponsors, sum(sign * (status = 'FULFILLED')::integer) as fulfilled
              from (%s) changed
              group by 1
              having sum(sign * (status <> 'WITHDRAWN')::integer) <> 0 or sum(sign * (status = 'FULFILLED')::integer) <> 0) moved
        where i.initiative_id = moved.initiative_id$sql$,
        reporting_changed_rows(tg_op, 'initiative_id, status'));
    execute format($sql$
        insert into pledgers as t (year, ally_id, pledges, department)
        select year, ally_id, sum(sign), (select department from public.people where employee_id = ally_id and active)
        from (%s) changed
        where status <> 'WITHDRAWN'
        group by 1, 2
        having sum(sign) <> 0
        on conflict (year, ally_id) do update set pledges = t.pledges + excluded.pledges$sql$,
        reporting_changed_rows(tg_op, 'year, ally_id, status'));
    return null;
end $$;

-- Sponsorship coverage: per year and department, the active people who are sponsors.
create function reporting_count_pledgers() returns trigger
    language plpgsql as $$
begin
    execute format($sql$
        insert into coverage_tally as t (year, department, sponsors)
        select year, department, sum(sign)
        from (%s) changed
        where pledges > 0 and department is not null
        group by 1, 2
        having sum(sign) <> 0
        on conflict (year, department) do update set sponsors = t.sponsors + excluded.sponsors$sql$,
        reporting_changed_rows(tg_op, 'year, department, pledges'));
    return null;
end $$;

-- The tallies' triggers on the tables of a generation: a row trigger, or three statement triggers (one per operation,
-- as a trigger with transition tables fires on one).
create or replace function reporting_attach_tallies(p_schema text) returns void
    language plpgsql as $$
declare
    tallied record;
begin
    for tallied in select * from (values ('people', 'reporting_tally_people', false),
                                         ('awards', 'reporting_tally_awards', false),
                                         ('nominations', 'reporting_count_nominations', true),
                                         ('endorsements', 'reporting_count_endorsements', true),
                                         ('commitments', 'reporting_count_commitments', true),
                                         ('pledges', 'reporting_count_pledges', true),
                                         ('pledgers', 'reporting_count_pledgers', true)) as t(tbl, fn, per_statement)
    loop
        continue when to_regclass(format('%I.%I', p_schema, tallied.tbl)) is null;
        if not tallied.per_statement then
            execute format('create trigger tally after insert or update or delete on %I.%I for each row execute function public.%I()',
                           p_schema, tallied.tbl, tallied.fn);
        else
            execute format('create trigger tally_inserted after insert on %I.%I referencing new table as new_rows'
                           ' for each statement execute function public.%I()', p_schema, tallied.tbl, tallied.fn);
            execute format('create trigger tally_updated after update on %I.%I referencing old table as old_rows new table as new_rows'
                           ' for each statement execute function public.%I()', p_schema, tallied.tbl, tallied.fn);
            execute format('create trigger tally_deleted after delete on %I.%I referencing old table as old_rows'
                           ' for each statement execute function public.%I()', p_schema, tallied.tbl, tallied.fn);
        end if;
    end loop;
end $$;

-- A rebuilt generation's standings are counted in one statement.
create or replace function reporting_complete_generation(p_projection text, p_schema text) returns void
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
        perform reporting_stand_all(array_agg(award_month), array_agg(nominee_id))
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

-- Generations that have their triggers (the live ones, a rebuild already counted): the row triggers of the fact tables
-- give way to the statement triggers.
do $$
declare
    generation text;
    tallied    record;
begin
    for generation in select distinct c.relnamespace::regnamespace::text
                      from pg_trigger t join pg_class c on c.oid = t.tgrelid
                      where not t.tgisinternal and t.tgname in ('tally', 'standing')
                        and c.relname in ('nominations', 'endorsements', 'commitments', 'pledges', 'pledgers')
    loop
        for tallied in select t.tgname, c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
                       where c.relnamespace = to_regnamespace(generation) and not t.tgisinternal loop
            execute format('drop trigger %I on %I.%I', tallied.tgname, generation, tallied.relname);
        end loop;
        perform reporting_attach_tallies(generation);
    end loop;
end $$;

-- the row triggers' functions that no trigger calls any more
drop function reporting_tally_nominations();
drop function reporting_stand_nominations();
drop function reporting_stand_endorsements();
drop function reporting_tally_commitments();
drop function reporting_count_commitments(integer, text, text, integer, integer, integer, integer, integer, integer, integer);
drop function reporting_tally_pledges();
drop function reporting_tally_pledgers();
drop function reporting_stand(text, text);
