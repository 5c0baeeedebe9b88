-- One data key per person (AES-256): their personal data is stored encrypted under it. Erasure deletes the row, and
-- with it every copy of the data, in the event store and wherever the ciphertext went. Nothing else is kept here.
create table person_data_keys (
    employee_id text        primary key,
    data_key    bytea       not null,
    created_at  timestamptz not null default now()
);
