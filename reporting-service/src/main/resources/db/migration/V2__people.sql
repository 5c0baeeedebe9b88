-- Reporting's view of the people directory: current attributes of each person, for headcounts.
create table people (
    employee_id    text        primary key,
    department     text        not null,
    location       text        not null,
    work_model     text        not null,
    active         boolean     not null,
    stream_version bigint      not null,
    updated_at     timestamptz not null
);

create index people_active on people (active);
