-- Uniqueness across streams (one nomination per nominator, nominee and month): a claim is inserted in the
-- same transaction as the events of the stream that owns it, so of two concurrent writers exactly one wins.
create table unique_claims (
    scope      text        not null,
    key        text        not null,
    owner      text        not null,
    claimed_at timestamptz not null default now(),
    primary key (scope, key)
);
