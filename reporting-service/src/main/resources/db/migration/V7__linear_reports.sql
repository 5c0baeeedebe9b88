-- Reports linear in their data: each person's history as periods, so that a fact joins where its person stood instead
-- of calling attributed() once per row; each commitment counts its actions as they are projected; an index for every
-- lookup of the ally profile. Added to the live generations; later generations copy their shape and indexes.
do $$
declare
    people       text;
    recognition  text;
    commitments  text;
    sponsorships text;
begin
    select schema_name into people from projection_generations where projection = 'reporting.people';
    select schema_name into recognition from projection_generations where projection = 'reporting.recognition';
    select schema_name into commitments from projection_generations where projection = 'reporting.commitments';
    select schema_name into sponsorships from projection_generations where projection = 'reporting.sponsorships';

    -- a history row holds from period_start (-infinity for the person's first) until the next row's valid_from
    execute format('alter table %I.person_history add column period_start timestamptz, add column period_end timestamptz', people);
    execute format($sql$
        update %1$I.person_history h set period_start = p.period_start, period_end = p.period_end
        from (select employee_id, stream_version,
                     case when row_number() over w = 1 then '-infinity'::timestamptz else valid_from end as period_start,
                     coalesce(lead(valid_from) over w, 'infinity'::timestamptz) as period_end
              from %1$I.person_history window w as (partition by employee_id order by valid_from, stream_version)) p
        where h.employee_id = p.employee_id and h.stream_version = p.stream_version$sql$, people);
    execute format('create index person_history_periods on %I.person_history (employee_id, period_start)', people);
    execute format('create or replace view public.person_history as select * from %I.person_history', people);

    execute format('alter table %I.commitments add column actions_logged integer not null default 0', commitments);
    execute format($sql$
        update %1$I.commitments c set actions_logged = a.actions
        from (select commitment_id, count(*) as actions from %1$I.commitment_actions group by commitment_id) a
        where a.commitment_id = c.commitment_id$sql$, commitments);
    execute format('create index commitments_by_ally on %I.commitments (ally_id)', commitments);
    execute format('create or replace view public.commitments as select * from %I.commitments', commitments);

    execute format('create index nominations_by_nominee on %I.nominations (nominee_id)', recognition);
    execute format('create index nominations_by_nominator on %I.nominations (nominator_id)', recognition);
    execute format('create index endorsements_by_endorser on %I.endorsements (endorser_id)', recognition);
    execute format('create index awards_by_winner on %I.awards (winner_id)', recognition);
    execute format('create index pledges_by_ally on %I.pledges (ally_id)', sponsorships);
end $$;
