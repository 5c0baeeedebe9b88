-- One data key per person (AES-256) for the text recognition holds by or about them (citations, notes, reasons):
-- sealed under it. The people topic's PersonalDataErased deletes the row, and with it every copy of that text.
create table person_data_keys (
    employee_id text        primary key,
    data_key    bytea       not null,
    created_at  timestamptz not null default now()
);
