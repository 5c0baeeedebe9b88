-- The tallies and standings of the fact projections move once per statement instead of once per row: a batch's events
-- of a kind are one statement (set statements), and its triggers read the rows it changed from transition tables and
-- write each group's difference once. A tally row updated once per row of a batch left a version per update in the
-- transaction, which every later update of the row walked. The headcount (a few rows per batch of people) and awards
-- (one a month) keep their row triggers.

-- What a statement changed reaches each helper below as arrays, one element per row, with a sign: +1 for a row as it
-- is now, -1 for a row as it was. A trigger function reads its transition tables in static SQL (planned once per
-- trigger); the helpers do the counting, in PL/pgSQL too, whose plans are kept (a SQL function's are made again at
-- every call). Those that join the facts are planned at every call instead: a plan kept from a catch-up's first, nearly
-- empty tables reads every fact.

-- Each of these months' standing of each of these nominees, counted again from their submitted nominations then and
-- the endorsements of those.
create function reporting_stand_all(p_months text[], p_nominees text[]) returns void
    language plpgsql set plan_cache_mode = force_custom_plan as $$
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
-- nominee whose counted nominations changed: a nomination moves the standings it was and is in where its status,
-- month, nominee or nominator's department changed (its old and new row then differ).
create function reporting_move_nominations(p_nominations text[], p_months text[], p_nominees text[], p_statuses text[],
                                           p_nominator_departments text[], p_departments text[], p_locations text[],
                                           p_work_models text[], p_signs integer[]) returns void
    language plpgsql as $$
declare
    months   text[];
    nominees text[];
begin
    insert into recognition_tally as t (award_month, department, location, work_model, nominations, awards)
    select award_month, department, location, work_model, sum(sign), 0
    from unnest(p_months, p_statuses, p_departments, p_locations, p_work_models, p_signs)
        as changed(award_month, status, department, location, work_model, sign)
    where status = 'SUBMITTED' and department is not null
    group by 1, 2, 3, 4
    having sum(sign) <> 0
    on conflict (award_month, department, location, work_model) do update set nominations = t.nominations + excluded.nominations;
    select array_agg(award_month), array_agg(nominee_id) into months, nominees
    from (select distinct award_month, nominee_id from (
              select award_month, nominee_id
              from unnest(p_nominations, p_months, p_nominees, p_statuses, p_nominator_departments, p_signs)
                  as changed(nomination_id, award_month, nominee_id, status, nominator_department, sign)
              group by nomination_id, award_month, nominee_id, status, nominator_department
              having sum(sign) <> 0) moved) standing;
    if months is not null then
        perform reporting_stand_all(months, nominees);
    end if;
end $$;

create function reporting_count_nominations() returns trigger
    language plpgsql as $$
declare
    changed_nomination_id text[];
    changed_award_month text[];
    changed_nominee_id text[];
    changed_status text[];
    changed_nominator_department text[];
    changed_nominee_department text[];
    changed_nominee_location text[];
    changed_nominee_work_model text[];
    changed_sign integer[];
begin
    -- the rows as they are now (+1), then as they were (-1)
    if tg_op <> 'DELETE' then
        select array_agg(nomination_id), array_agg(award_month), array_agg(nominee_id), array_agg(status),
            array_agg(nominator_department), array_agg(nominee_department), array_agg(nominee_location),
            array_agg(nominee_work_model), array_agg(1)
        into changed_nomination_id, changed_award_month, changed_nominee_id, changed_status,
            changed_nominator_department, changed_nominee_department, changed_nominee_location,
            changed_nominee_work_model, changed_sign
        from new_rows;
    end if;
    if tg_op <> 'INSERT' then
        select changed_nomination_id || array_agg(nomination_id), changed_award_month || array_agg(award_month),
            changed_nominee_id || array_agg(nominee_id), changed_status || array_agg(status),
            changed_nominator_department || array_agg(nominator_department), changed_nominee_department ||
            array_agg(nominee_department), changed_nominee_location || array_agg(nominee_location),
            changed_nominee_work_model || array_agg(nominee_work_model), changed_sign || array_agg(-1)
        into changed_nomination_id, changed_award_month, changed_nominee_id, changed_status,
            changed_nominator_department, changed_nominee_department, changed_nominee_location,
            changed_nominee_work_model, changed_sign
        from old_rows;
    end if;
    if changed_sign is not null then
        perform reporting_move_nominations(changed_nomination_id, changed_award_month, changed_nominee_id,
            changed_status, changed_nominator_department, changed_nominee_department, changed_nominee_location,
            changed_nominee_work_model, changed_sign);
    end if;
    return null;
end $$;

-- An endorsement adds a point to its nomination's standing while the nomination counts.
create function reporting_move_endorsements(p_nominations text[], p_signs integer[]) returns void
    language plpgsql set plan_cache_mode = force_custom_plan as $$
begin
    update standings s set endorsements = s.endorsements + moved.endorsements, score = s.score + moved.endorsements
    from (select n.award_month, n.nominee_id, sum(changed.sign) as endorsements
          from unnest(p_nominations, p_signs) as changed(nomination_id, sign)
          join nominations n on n.nomination_id = changed.nomination_id and n.status = 'SUBMITTED'
          group by 1, 2
          having sum(changed.sign) <> 0) moved
    where s.award_month = moved.award_month and s.nominee_id = moved.nominee_id;
end $$;

create function reporting_count_endorsements() returns trigger
    language plpgsql as $$
declare
    changed_nomination_id text[];
    changed_sign integer[];
begin
    -- the rows as they are now (+1), then as they were (-1)
    if tg_op <> 'DELETE' then
        select array_agg(nomination_id), array_agg(1)
        into changed_nomination_id, changed_sign
        from new_rows;
    end if;
    if tg_op <> 'INSERT' then
        select changed_nomination_id || array_agg(nomination_id), changed_sign || array_agg(-1)
        into changed_nomination_id, changed_sign
        from old_rows;
    end if;
    if changed_sign is not null then
        perform reporting_move_endorsements(changed_nomination_id, changed_sign);
    end if;
    return null;
end $$;

-- Commitments: each group's counts in its year, category and ally's department.
create function reporting_move_commitments(p_starts date[], p_categories text[], p_departments text[], p_statuses text[],
                                           p_actions integer[], p_renewed text[], p_signs integer[]) returns void
    language plpgsql as $$
begin
    insert into commitment_tally as t (year, category, department, commitments, active, fulfilled, withdrawn, lapsed, actions, renewed)
    select extract(year from starts_on)::integer, category, department, sum(sign), sum(sign * (status = 'ACTIVE')::integer),
           sum(sign * (status = 'FULFILLED')::integer), sum(sign * (status = 'WITHDRAWN')::integer),
           sum(sign * (status = 'LAPSED')::integer), sum(sign * actions), sum(sign * (renewed_as is not null)::integer)
    from unnest(p_starts, p_categories, p_departments, p_statuses, p_actions, p_renewed, p_signs)
        as changed(starts_on, category, department, status, actions, renewed_as, sign)
    group by 1, 2, 3
    having sum(sign) <> 0 or sum(sign * (status = 'ACTIVE')::integer) <> 0 or sum(sign * (status = 'FULFILLED')::integer) <> 0
        or sum(sign * (status = 'WITHDRAWN')::integer) <> 0 or sum(sign * (status = 'LAPSED')::integer) <> 0
        or sum(sign * actions) <> 0 or sum(sign * (renewed_as is not null)::integer) <> 0
    on conflict (year, category, department) do update set commitments = t.commitments + excluded.commitments,
        active = t.active + excluded.active, fulfilled = t.fulfilled + excluded.fulfilled, withdrawn = t.withdrawn + excluded.withdrawn,
        lapsed = t.lapsed + excluded.lapsed, actions = t.actions + excluded.actions, renewed = t.renewed + excluded.renewed;
end $$;

create function reporting_count_commitments() returns trigger
    language plpgsql as $$
declare
    changed_starts_on date[];
    changed_category text[];
    changed_ally_department text[];
    changed_status text[];
    changed_actions_logged integer[];
    changed_renewed_as text[];
    changed_sign integer[];
begin
    -- the rows as they are now (+1), then as they were (-1)
    if tg_op <> 'DELETE' then
        select array_agg(starts_on), array_agg(category), array_agg(ally_department), array_agg(status),
            array_agg(actions_logged), array_agg(renewed_as), array_agg(1)
        into changed_starts_on, changed_category, changed_ally_department, changed_status, changed_actions_logged,
            changed_renewed_as, changed_sign
        from new_rows;
    end if;
    if tg_op <> 'INSERT' then
        select changed_starts_on || array_agg(starts_on), changed_category || array_agg(category),
            changed_ally_department || array_agg(ally_department), changed_status || array_agg(status),
            changed_actions_logged || array_agg(actions_logged), changed_renewed_as || array_agg(renewed_as),
            changed_sign || array_agg(-1)
        into changed_starts_on, changed_category, changed_ally_department, changed_status, changed_actions_logged,
            changed_renewed_as, changed_sign
        from old_rows;
    end if;
    if changed_sign is not null then
        perform reporting_move_commitments(changed_starts_on, changed_category, changed_ally_department,
            changed_status, changed_actions_logged, changed_renewed_as, changed_sign);
    end if;
    return null;
end $$;

-- Pledges: an initiative's sponsors (pledges not withdrawn) and those who fulfilled theirs; an ally's pledges not
-- withdrawn per year, which make them a sponsor of that year (their department looked up when they first count).
create function reporting_move_pledges(p_initiatives text[], p_years integer[], p_allies text[], p_statuses text[], p_signs integer[])
    returns void
    language plpgsql as $$
begin
    update initiatives i set sponsors = i.sponsors + moved.sponsors, fulfilled_sponsors = i.fulfilled_sponsors + moved.fulfilled
    from (select initiative_id, sum(sign * (status <> 'WITHDRAWN')::integer) as sponsors, sum(sign * (status = 'FULFILLED')::integer) as fulfilled
          from unnest(p_initiatives, p_statuses, p_signs) as changed(initiative_id, status, sign)
          group by 1
          having sum(sign * (status <> 'WITHDRAWN')::integer) <> 0 or sum(sign * (status = 'FULFILLED')::integer) <> 0) moved
    where i.initiative_id = moved.initiative_id;
    insert into pledgers as t (year, ally_id, pledges, department)
    select year, ally_id, sum(sign), (select department from public.people where employee_id = ally_id and active)
    from unnest(p_years, p_allies, p_statuses, p_signs) as changed(year, ally_id, status, sign)
    where status <> 'WITHDRAWN'
    group by 1, 2
    having sum(sign) <> 0
    on conflict (year, ally_id) do update set pledges = t.pledges + excluded.pledges;
end $$;

create function reporting_count_pledges() returns trigger
    language plpgsql as $$
declare
    changed_initiative_id text[];
    changed_year integer[];
    changed_ally_id text[];
    changed_status text[];
    changed_sign integer[];
begin
    -- the rows as they are now (+1), then as they were (-1)
    if tg_op <> 'DELETE' then
        select array_agg(initiative_id), array_agg(year), array_agg(ally_id), array_agg(status), array_agg(1)
        into changed_initiative_id, changed_year, changed_ally_id, changed_status, changed_sign
        from new_rows;
    end if;
    if tg_op <> 'INSERT' then
        select changed_initiative_id || array_agg(initiative_id), changed_year || array_agg(year), changed_ally_id ||
            array_agg(ally_id), changed_status || array_agg(status), changed_sign || array_agg(-1)
        into changed_initiative_id, changed_year, changed_ally_id, changed_status, changed_sign
        from old_rows;
    end if;
    if changed_sign is not null then
        perform reporting_move_pledges(changed_initiative_id, changed_year, changed_ally_id, changed_status,
            changed_sign);
    end if;
    return null;
end $$;

-- Sponsorship coverage: per year and department, the active people who are sponsors.
create function reporting_move_pledgers(p_years integer[], p_departments text[], p_pledges integer[], p_signs integer[]) returns void
    language plpgsql as $$
begin
    insert into coverage_tally as t (year, department, sponsors)
    select year, department, sum(sign)
    from unnest(p_years, p_departments, p_pledges, p_signs) as changed(year, department, pledges, sign)
    where pledges > 0 and department is not null
    group by 1, 2
    having sum(sign) <> 0
    on conflict (year, department) do update set sponsors = t.sponsors + excluded.sponsors;
end $$;

create function reporting_count_pledgers() returns trigger
    language plpgsql as $$
declare
    changed_year integer[];
    changed_department text[];
    changed_pledges integer[];
    changed_sign integer[];
begin
    -- the rows as they are now (+1), then as they were (-1)
    if tg_op <> 'DELETE' then
        select array_agg(year), array_agg(department), array_agg(pledges), array_agg(1)
        into changed_year, changed_department, changed_pledges, changed_sign
        from new_rows;
    end if;
    if tg_op <> 'INSERT' then
        select changed_year || array_agg(year), changed_department || array_agg(department), changed_pledges ||
            array_agg(pledges), changed_sign || array_agg(-1)
        into changed_year, changed_department, changed_pledges, changed_sign
        from old_rows;
    end if;
    if changed_sign is not null then
        perform reporting_move_pledgers(changed_year, changed_department, changed_pledges, changed_sign);
    end if;
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
