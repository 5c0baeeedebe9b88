-- The first response to each Idempotency-Key, written in the same transaction as the events it produced,
-- so a retried request replays it and writes nothing new.
create table idempotency_keys (
    caller      text        not null,
    key         text        not null,
    fingerprint text        not null,
    status      integer     not null,
    body        text        not null,
    etag        text,
    location    text,
    created_at  timestamptz not null default now(),
    primary key (caller, key)
);
