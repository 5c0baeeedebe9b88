create table commitments (
    commitment_id text        primary key,
    ally_id       text        not null,
    category      text        not null,
    starts_on     date        not null,
    ends_on       date        not null,
    target        integer     not null,
    status        text        not null,
    made_at       timestamptz not null,
    closed_at     timestamptz
);
create index commitments_by_year on commitments (extract(year from starts_on));

create table commitment_actions (
    action_id     text        primary key,
    commitment_id text        not null,
    ally_id       text        not null,
    kind          text        not null,
    occurred_on   date        not null,
    logged_at     timestamptz not null
);
create index commitment_actions_by_commitment on commitment_actions (commitment_id);

create table initiatives (
    initiative_id    text        primary key,
    name             text        not null,
    erg              text        not null,
    year             integer     not null,
    sponsor_capacity integer,
    open             boolean     not null,
    launched_at      timestamptz not null
);

create table pledges (
    initiative_id text        not null,
    ally_id       text        not null,
    year          integer     not null,
    status        text        not null,
    pledged_at    timestamptz not null,
    primary key (initiative_id, ally_id)
);
create index pledges_by_year on pledges (year, ally_id);
