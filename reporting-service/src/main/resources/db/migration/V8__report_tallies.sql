-- Reports that do not grow with the organisation. Each fact stores where its person stood when it happened (its
-- attribution), and triggers keep a tally row per group of facts in the fact's own generation, so that headcount,
-- equity, fulfilment and sponsorship read a row per group instead of every fact. When a person's history changes, the
-- people projection re-attributes that person's facts (reporting_reattribute), and the triggers move their counts.
--
-- The trigger functions name their tallies unqualified: they resolve on the transaction's search path, which names the
-- generation being written (reporting_enter_live, reporting_enter_generation, reporting_reattribute).

create function reporting_tally_people() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.active, old.department, old.location, old.work_model)
                            is not distinct from (new.active, new.department, new.location, new.work_model) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.active then
        update headcount_tally set people = people - 1
        where department = old.department and location = old.location and work_model = old.work_model;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.active then
        insert into headcount_tally as t (department, location, work_model, people)
        values (new.department, new.location, new.work_model, 1)
        on conflict (department, location, work_model) do update set people = t.people + 1;
    end if;
    return null;
end $$;

-- A nomination counts for its nominee's group while it is submitted; an award for its winner's while it stands. Both
-- move their group's row by a difference.
create function reporting_count_recognition(p_month text, p_department text, p_location text, p_work_model text,
                                            p_nominations integer, p_awards integer) returns void
    language plpgsql as $$
begin
    insert into recognition_tally as t (award_month, department, location, work_model, nominations, awards)
    values (p_month, p_department, p_location, p_work_model, p_nominations, p_awards)
    on conflict (award_month, department, location, work_model) do update
        set nominations = t.nominations + excluded.nominations, awards = t.awards + excluded.awards;
end $$;

create function reporting_tally_nominations() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.status, old.award_month, old.nominee_department, old.nominee_location, old.nominee_work_model)
                            is not distinct from (new.status, new.award_month, new.nominee_department, new.nominee_location, new.nominee_work_model) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'SUBMITTED' and old.nominee_department is not null then
        perform reporting_count_recognition(old.award_month, old.nominee_department, old.nominee_location, old.nominee_work_model, -1, 0);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'SUBMITTED' and new.nominee_department is not null then
        perform reporting_count_recognition(new.award_month, new.nominee_department, new.nominee_location, new.nominee_work_model, 1, 0);
    end if;
    return null;
end $$;

create function reporting_tally_awards() returns trigger
    language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'AWARDED' and old.winner_department is not null then
        perform reporting_count_recognition(old.award_month, old.winner_department, old.winner_location, old.winner_work_model, 0, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'AWARDED' and new.winner_department is not null then
        perform reporting_count_recognition(new.award_month, new.winner_department, new.winner_location, new.winner_work_model, 0, 1);
    end if;
    return null;
end $$;

-- A month's standing of a nominee, from their counting (submitted) nominations that month and the endorsements of
-- those: written again whenever one of them changes, so the standings read the leaders off an index.
create function reporting_stand(p_month text, p_nominee text) returns void
    language plpgsql as $$
begin
    delete from standings where award_month = p_month and nominee_id = p_nominee;
    insert into standings (award_month, nominee_id, score, nominations, endorsements, departments, categories, first_nominated_at)
    select p_month, p_nominee, 3 * count(*) + coalesce(sum(e.endorsements), 0), count(*), coalesce(sum(e.endorsements), 0),
           count(distinct n.nominator_department), string_agg(n.categories, ','), min(n.submitted_at)
    from nominations n
    left join lateral (select count(*) as endorsements from endorsements where nomination_id = n.nomination_id) e on true
    where n.award_month = p_month and n.nominee_id = p_nominee and n.status = 'SUBMITTED'
    having count(*) > 0;
end $$;

create function reporting_stand_nominations() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.status, old.award_month, old.nominee_id, old.nominator_department)
                            is not distinct from (new.status, new.award_month, new.nominee_id, new.nominator_department) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform reporting_stand(old.award_month, old.nominee_id);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or (old.award_month, old.nominee_id) <> (new.award_month, new.nominee_id)) then
        perform reporting_stand(new.award_month, new.nominee_id);
    end if;
    return null;
end $$;

-- An endorsement adds a point to its nomination's standing while the nomination counts.
create function reporting_stand_endorsements() returns trigger
    language plpgsql as $$
declare
    more integer := case when tg_op = 'INSERT' then 1 else -1 end;
begin
    update standings s set endorsements = s.endorsements + more, score = s.score + more
    from nominations n
    where n.nomination_id = coalesce(new.nomination_id, old.nomination_id) and n.status = 'SUBMITTED'
      and s.award_month = n.award_month and s.nominee_id = n.nominee_id;
    return null;
end $$;

-- A commitment counts in its year, category and ally's department (null: not known). A change that keeps its group
-- (a logged action, a status) writes the difference in one statement.
create function reporting_count_commitments(p_year integer, p_category text, p_department text, p_commitments integer,
                                            p_active integer, p_fulfilled integer, p_withdrawn integer, p_lapsed integer,
                                            p_actions integer, p_renewed integer) returns void
    language plpgsql as $$
begin
    insert into commitment_tally as t (year, category, department, commitments, active, fulfilled, withdrawn, lapsed, actions, renewed)
    values (p_year, p_category, p_department, p_commitments, p_active, p_fulfilled, p_withdrawn, p_lapsed, p_actions, p_renewed)
    on conflict (year, category, department) do update set commitments = t.commitments + excluded.commitments,
        active = t.active + excluded.active, fulfilled = t.fulfilled + excluded.fulfilled, withdrawn = t.withdrawn + excluded.withdrawn,
        lapsed = t.lapsed + excluded.lapsed, actions = t.actions + excluded.actions, renewed = t.renewed + excluded.renewed;
end $$;

create function reporting_tally_commitments() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.starts_on = new.starts_on and old.category = new.category
       and old.ally_department is not distinct from new.ally_department then
        perform reporting_count_commitments(extract(year from new.starts_on)::integer, new.category, new.ally_department, 0,
            (new.status = 'ACTIVE')::integer - (old.status = 'ACTIVE')::integer,
            (new.status = 'FULFILLED')::integer - (old.status = 'FULFILLED')::integer,
            (new.status = 'WITHDRAWN')::integer - (old.status = 'WITHDRAWN')::integer,
            (new.status = 'LAPSED')::integer - (old.status = 'LAPSED')::integer,
            new.actions_logged - old.actions_logged,
            (new.renewed_as is not null)::integer - (old.renewed_as is not null)::integer);
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform reporting_count_commitments(extract(year from old.starts_on)::integer, old.category, old.ally_department, -1,
            -(old.status = 'ACTIVE')::integer, -(old.status = 'FULFILLED')::integer, -(old.status = 'WITHDRAWN')::integer,
            -(old.status = 'LAPSED')::integer, -old.actions_logged, -(old.renewed_as is not null)::integer);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform reporting_count_commitments(extract(year from new.starts_on)::integer, new.category, new.ally_department, 1,
            (new.status = 'ACTIVE')::integer, (new.status = 'FULFILLED')::integer, (new.status = 'WITHDRAWN')::integer,
            (new.status = 'LAPSED')::integer, new.actions_logged, (new.renewed_as is not null)::integer);
    end if;
    return null;
end $$;

-- An initiative counts its sponsors (pledges not withdrawn) and those who fulfilled theirs; an ally's pledges not
-- withdrawn are counted per year, which makes them a sponsor of that year.
create function reporting_tally_pledges() returns trigger
    language plpgsql as $$
declare
    more_sponsors  integer := 0;
    more_fulfilled integer := 0;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        more_sponsors := more_sponsors - (old.status <> 'WITHDRAWN')::integer;
        more_fulfilled := more_fulfilled - (old.status = 'FULFILLED')::integer;
        if old.status <> 'WITHDRAWN' then
            update pledgers set pledges = pledges - 1 where year = old.year and ally_id = old.ally_id;
        end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        more_sponsors := more_sponsors + (new.status <> 'WITHDRAWN')::integer;
        more_fulfilled := more_fulfilled + (new.status = 'FULFILLED')::integer;
        if new.status <> 'WITHDRAWN' then
            insert into pledgers as t (year, ally_id, pledges, department)
            values (new.year, new.ally_id, 1, (select department from public.people where employee_id = new.ally_id and active))
            on conflict (year, ally_id) do update set pledges = t.pledges + 1;
        end if;
    end if;
    if more_sponsors <> 0 or more_fulfilled <> 0 then
        update initiatives set sponsors = sponsors + more_sponsors, fulfilled_sponsors = fulfilled_sponsors + more_fulfilled
        where initiative_id = coalesce(new.initiative_id, old.initiative_id);
    end if;
    return null;
end $$;

-- Sponsorship coverage: per year and department, the active people who are sponsors (department null: not active,
-- or not known).
create function reporting_tally_pledgers() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.pledges > 0, old.department) is not distinct from (new.pledges > 0, new.department) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.pledges > 0 and old.department is not null then
        update coverage_tally set sponsors = sponsors - 1 where year = old.year and department = old.department;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.pledges > 0 and new.department is not null then
        insert into coverage_tally as t (year, department, sponsors) values (new.year, new.department, 1)
        on conflict (year, department) do update set sponsors = t.sponsors + 1;
    end if;
    return null;
end $$;

-- The tallies' triggers on the tables of a generation: its live one here, each rebuild's as it is created.
create function reporting_attach_tallies(p_schema text) returns void
    language plpgsql as $$
declare
    tallied record;
begin
    for tallied in select * from (values ('people', 'tally', 'reporting_tally_people'),
                                         ('nominations', 'tally', 'reporting_tally_nominations'),
                                         ('nominations', 'standing', 'reporting_stand_nominations'),
                                         ('endorsements', 'standing', 'reporting_stand_endorsements'),
                                         ('awards', 'tally', 'reporting_tally_awards'),
                                         ('commitments', 'tally', 'reporting_tally_commitments'),
                                         ('pledges', 'tally', 'reporting_tally_pledges'),
                                         ('pledgers', 'tally', 'reporting_tally_pledgers')) as t(tbl, name, fn)
    loop
        if to_regclass(format('%I.%I', p_schema, tallied.tbl)) is not null then
            execute format('create trigger %I after insert or update or delete on %I.%I for each row execute function public.%I()',
                           tallied.name, p_schema, tallied.tbl, tallied.fn);
        end if;
    end loop;
end $$;

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
    perform reporting_attach_tallies(p_schema);
end $$;

-- Facts read where their person stood; the people projection re-attributes while holding this lock exclusively, so
-- that no fact is attributed from a history about to change and then missed by the re-attribution.
-- First in a transaction that writes a generation (a rebuild's, or the live one through reporting_enter_live): writes
-- go to it, and its facts are attributed under the lock.
create function reporting_enter_generation(p_projection text, p_schema text) returns text
    language plpgsql as $$
begin
    if p_projection <> 'reporting.people' then
        perform pg_advisory_xact_lock_shared(hashtext('attribution'));
    end if;
    perform set_config('search_path', quote_ident(p_schema) || ', public', true);
    return p_schema;
end $$;

create or replace function reporting_enter_live(p_projection text) returns text
    language plpgsql as $$
declare
    live text;
begin
    perform pg_advisory_xact_lock_shared(hashtext('projection:' || p_projection));
    select schema_name into live from projection_generations where projection = p_projection;
    if live is null then
        raise exception 'no live generation of projection %', p_projection;
    end if;
    return reporting_enter_generation(p_projection, live);
end $$;

-- Attributes the facts of these people again after their history changed, in every generation of the fact projections
-- (the live one and one being rebuilt); the tallies follow through their triggers. Only rows whose attribution changed
-- are written. The people projection calls it once, last in each transaction, so that the lock is held only that long:
-- a fact projection that attributed from the history before this transaction has committed by then, and is seen here.
create function reporting_reattribute(p_people text[]) returns void
    language plpgsql as $$
declare
    caller text := current_setting('search_path');
    target record;
begin
    -- a rebuild of people writes the history the live one already holds: the facts are attributed from that
    if current_schema() is distinct from (select schema_name from projection_generations where projection = 'reporting.people') then
        return;
    end if;
    perform pg_advisory_xact_lock(hashtext('attribution'));
    -- most history arrives before any fact of its person: then there is nothing to move
    if not exists (select 1 from projection_rebuilds where status = 'RUNNING'
                   and projection in ('reporting.recognition', 'reporting.commitments', 'reporting.sponsorships'))
       and not exists (select 1 from public.nominations where nominee_id = any(p_people))
       and not exists (select 1 from public.nominations where nominator_id = any(p_people))
       and not exists (select 1 from public.awards where winner_id = any(p_people))
       and not exists (select 1 from public.commitments where ally_id = any(p_people))
       and not exists (select 1 from public.pledgers where ally_id = any(p_people)) then
        return;
    end if;
    for target in select projection, schema_name from projection_generations
                  where projection in ('reporting.recognition', 'reporting.commitments', 'reporting.sponsorships')
                  union
                  select projection, schema_name from projection_rebuilds
                  where status = 'RUNNING' and projection in ('reporting.recognition', 'reporting.commitments', 'reporting.sponsorships')
    loop
        continue when to_regnamespace(target.schema_name) is null;
        perform set_config('search_path', quote_ident(target.schema_name) || ', public', true);
        if target.projection = 'reporting.recognition' then
            update nominations n set nominee_department = a.department, nominee_location = a.location, nominee_work_model = a.work_model
            from public.person_history a
            where n.nominee_id = any(p_people) and a.employee_id = n.nominee_id
              and n.submitted_at >= a.period_start and n.submitted_at < a.period_end
              and (n.nominee_department, n.nominee_location, n.nominee_work_model)
                  is distinct from (a.department, a.location, a.work_model);
            update nominations n set nominator_department = a.department
            from public.person_history a
            where n.nominator_id = any(p_people) and a.employee_id = n.nominator_id
              and n.submitted_at >= a.period_start and n.submitted_at < a.period_end
              and n.nominator_department is distinct from a.department;
            update awards w set winner_department = a.department, winner_location = a.location, winner_work_model = a.work_model
            from public.person_history a
            where w.winner_id = any(p_people) and a.employee_id = w.winner_id
              and w.awarded_at >= a.period_start and w.awarded_at < a.period_end
              and (w.winner_department, w.winner_location, w.winner_work_model)
                  is distinct from (a.department, a.location, a.work_model);
        elsif target.projection = 'reporting.sponsorships' then
            -- sponsors count where the person is now, while active
            update pledgers p set department = now_in.department
            from (select u.id, pe.department from unnest(p_people) u(id)
                  left join public.people pe on pe.employee_id = u.id and pe.active) now_in
            where p.ally_id = now_in.id and p.department is distinct from now_in.department;
        else
            update commitments c set ally_department = a.department
            from public.person_history a
            where c.ally_id = any(p_people) and a.employee_id = c.ally_id
              and c.made_at >= a.period_start and c.made_at < a.period_end
              and c.ally_department is distinct from a.department;
        end if;
    end loop;
    perform set_config('search_path', caller, true);
end $$;

-- The live generations: attribution columns and tallies filled from what is projected, then kept by the triggers.
do $$
declare
    people       text;
    recognition  text;
    commitments  text;
    sponsorships text;
    caller       text;
begin
    select schema_name into people from projection_generations where projection = 'reporting.people';
    select schema_name into recognition from projection_generations where projection = 'reporting.recognition';
    select schema_name into commitments from projection_generations where projection = 'reporting.commitments';
    select schema_name into sponsorships from projection_generations where projection = 'reporting.sponsorships';

    execute format($sql$
        create table %1$I.headcount_tally (
            department text    not null,
            location   text    not null,
            work_model text    not null,
            people     integer not null,
            primary key (department, location, work_model));
        insert into %1$I.headcount_tally select department, location, work_model, count(*) from %1$I.people where active group by 1, 2, 3;
        create view public.headcount_tally as select * from %1$I.headcount_tally$sql$, people);

    execute format($sql$
        alter table %1$I.nominations add column nominee_department text, add column nominee_location text,
            add column nominee_work_model text, add column nominator_department text;
        update %1$I.nominations n set nominee_department = a.department, nominee_location = a.location, nominee_work_model = a.work_model
        from %2$I.person_history a
        where a.employee_id = n.nominee_id and n.submitted_at >= a.period_start and n.submitted_at < a.period_end;
        update %1$I.nominations n set nominator_department = a.department
        from %2$I.person_history a
        where a.employee_id = n.nominator_id and n.submitted_at >= a.period_start and n.submitted_at < a.period_end;
        alter table %1$I.awards add column winner_department text, add column winner_location text, add column winner_work_model text;
        update %1$I.awards w set winner_department = a.department, winner_location = a.location, winner_work_model = a.work_model
        from %2$I.person_history a
        where a.employee_id = w.winner_id and w.awarded_at >= a.period_start and w.awarded_at < a.period_end;
        create table %1$I.recognition_tally (
            award_month text    not null,
            department  text    not null,
            location    text    not null,
            work_model  text    not null,
            nominations integer not null,
            awards      integer not null,
            primary key (award_month, department, location, work_model));
        insert into %1$I.recognition_tally
        select award_month, department, location, work_model, sum(nominations), sum(awards) from (
            select award_month, nominee_department, nominee_location, nominee_work_model, 1, 0 from %1$I.nominations
            where status = 'SUBMITTED' and nominee_department is not null
            union all
            select award_month, winner_department, winner_location, winner_work_model, 0, 1 from %1$I.awards
            where status = 'AWARDED' and winner_department is not null) f(award_month, department, location, work_model, nominations, awards)
        group by 1, 2, 3, 4;
        create table %1$I.standings (
            award_month        text        not null,
            nominee_id         text        not null,
            score              integer     not null,
            nominations        integer     not null,
            endorsements       integer     not null,
            departments        integer     not null,
            categories         text        not null,
            first_nominated_at timestamptz not null,
            primary key (award_month, nominee_id));
        create index standings_ranked on %1$I.standings (award_month, score desc, departments desc, first_nominated_at, nominee_id collate "C");
        create view public.standings as select * from %1$I.standings;
        create or replace view public.nominations as select * from %1$I.nominations;
        create or replace view public.awards as select * from %1$I.awards;
        create view public.recognition_tally as select * from %1$I.recognition_tally$sql$, recognition, people);

    -- each standing as the trigger will keep it: computed by the same function, on the recognition generation
    caller := current_setting('search_path');
    perform set_config('search_path', quote_ident(recognition) || ', public', true);
    perform reporting_stand(award_month, nominee_id)
    from (select distinct award_month, nominee_id from nominations where status = 'SUBMITTED') counted;
    perform set_config('search_path', caller, true);

    execute format($sql$
        alter table %1$I.commitments add column ally_department text;
        update %1$I.commitments c set ally_department = a.department
        from %2$I.person_history a
        where a.employee_id = c.ally_id and c.made_at >= a.period_start and c.made_at < a.period_end;
        create table %1$I.commitment_tally (
            year       integer not null,
            category   text    not null,
            department text,
            commitments integer not null,
            active     integer not null,
            fulfilled  integer not null,
            withdrawn  integer not null,
            lapsed     integer not null,
            actions    integer not null,
            renewed    integer not null);
        create unique index commitment_tally_group on %1$I.commitment_tally (year, category, department) nulls not distinct;
        insert into %1$I.commitment_tally
        select extract(year from starts_on)::integer, category, ally_department, count(*),
               count(*) filter (where status = 'ACTIVE'), count(*) filter (where status = 'FULFILLED'),
               count(*) filter (where status = 'WITHDRAWN'), count(*) filter (where status = 'LAPSED'),
               sum(actions_logged), count(*) filter (where renewed_as is not null)
        from %1$I.commitments group by 1, 2, 3;
        create or replace view public.commitments as select * from %1$I.commitments;
        create view public.commitment_tally as select * from %1$I.commitment_tally$sql$, commitments, people);

    execute format($sql$
        alter table %1$I.initiatives add column sponsors integer not null default 0, add column fulfilled_sponsors integer not null default 0;
        update %1$I.initiatives i set sponsors = p.sponsors, fulfilled_sponsors = p.fulfilled
        from (select initiative_id, count(*) filter (where status <> 'WITHDRAWN') as sponsors,
                     count(*) filter (where status = 'FULFILLED') as fulfilled
              from %1$I.pledges group by 1) p
        where p.initiative_id = i.initiative_id;
        create index initiatives_by_year on %1$I.initiatives (year);
        create or replace view public.initiatives as select * from %1$I.initiatives;
        create table %1$I.pledgers (
            year       integer not null,
            ally_id    text    not null,
            pledges    integer not null,
            department text,
            primary key (year, ally_id));
        create index pledgers_by_ally on %1$I.pledgers (ally_id);
        insert into %1$I.pledgers
        select p.year, p.ally_id, count(*), max(pe.department) from %1$I.pledges p
        left join %2$I.people pe on pe.employee_id = p.ally_id and pe.active
        where p.status <> 'WITHDRAWN' group by 1, 2;
        create table %1$I.coverage_tally (
            year       integer not null,
            department text    not null,
            sponsors   integer not null,
            primary key (year, department));
        insert into %1$I.coverage_tally
        select year, department, count(*) from %1$I.pledgers where department is not null group by 1, 2;
        create view public.pledgers as select * from %1$I.pledgers;
        create view public.coverage_tally as select * from %1$I.coverage_tally$sql$, sponsorships, people);

    perform reporting_attach_tallies(people);
    perform reporting_attach_tallies(recognition);
    perform reporting_attach_tallies(commitments);
    perform reporting_attach_tallies(sponsorships);
end $$;
