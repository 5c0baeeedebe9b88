-- Where each person stood (department, location, work model) from each people event on: facts are attributed
-- as they were when they happened, whatever the order the topics are consumed in.
create table person_history (
    employee_id    text        not null,
    stream_version bigint      not null,
    valid_from     timestamptz not null,
    department     text        not null,
    location       text        not null,
    work_model     text        not null,
    active         boolean     not null,
    primary key (employee_id, stream_version)
);

-- The person's attributes at a moment: the latest history row not after it, else their first known one.
create function attributed(p_employee text, p_at timestamptz)
    returns table (department text, location text, work_model text)
    language sql stable as $$
    select department, location, work_model from person_history
    where employee_id = p_employee
    order by (valid_from <= p_at) desc,
             case when valid_from <= p_at then valid_from end desc,
             valid_from asc
    limit 1
$$;

create table nominations (
    nomination_id text        primary key,
    nominee_id    text        not null,
    nominator_id  text        not null,
    anonymous     boolean     not null,
    award_month   text        not null,
    categories    text        not null, -- comma-separated
    status        text        not null,
    submitted_at  timestamptz not null
);
create index nominations_by_month on nominations (award_month, nominee_id);

create table endorsements (
    nomination_id text        not null,
    endorser_id   text        not null,
    endorsed_at   timestamptz not null,
    primary key (nomination_id, endorser_id)
);

create table awards (
    award_month text        primary key,
    winner_id   text        not null,
    status      text        not null,
    awarded_at  timestamptz not null
);
