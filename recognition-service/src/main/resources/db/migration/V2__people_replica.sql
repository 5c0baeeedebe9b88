-- Local replica of the people directory, fed by the people topic: who may nominate and be nominated.
create table people_replica (
    employee_id    text        primary key,
    department     text        not null,
    active         boolean     not null,
    stream_version bigint      not null,
    updated_at     timestamptz not null
);
