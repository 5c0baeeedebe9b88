-- Which ally logged which action, from the commitments topic: a nomination links only its nominee's actions.
create table logged_actions (
    action_id     text        primary key,
    ally_id       text        not null,
    commitment_id text        not null,
    logged_at     timestamptz not null
);
create index logged_actions_by_ally on logged_actions (ally_id);
