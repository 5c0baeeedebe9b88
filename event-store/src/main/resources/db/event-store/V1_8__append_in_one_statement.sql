-- A command's whole write in one statement (one round trip, atomic without BEGIN and COMMIT): its claims, its events and
-- its idempotency record. A refusal is raised with its own SQLSTATE, and DETAIL names the refused element by its
-- 1-based index in the arrays:
--   ALC01 a claim another stream holds;
--   ALV01 a stream no longer at the version its writer read (a writer behind meets the unique (stream, version) key,
--         one ahead finds no event before its first);
--   ALK01 an idempotency key a concurrent request with the same key recorded first.
create function event_store_append(p_claim_scopes text[], p_claim_keys text[], p_claim_owners text[],
                                   p_stream_types text[], p_stream_ids text[], p_versions bigint[], p_event_ids uuid[],
                                   p_event_types text[], p_payloads text[], p_metadata text, p_trace_parent text,
                                   p_caller text, p_key text, p_fingerprint text, p_status integer, p_body text,
                                   p_etag text, p_location text) returns void
    language plpgsql as $$
declare
    refused bigint;
    inserted bigint;
begin
    if cardinality(p_claim_scopes) > 0 then
        with claimed as (
            insert into unique_claims (scope, key, owner)
            select * from unnest(p_claim_scopes, p_claim_keys, p_claim_owners)
            on conflict do nothing
            returning scope, key)
        select c.i into refused
          from unnest(p_claim_scopes, p_claim_keys) with ordinality as c(scope, key, i)
         where not exists (select 1 from claimed where claimed.scope = c.scope and claimed.key = c.key)
         order by c.i limit 1;
        if refused is not null then
            raise exception 'claim % % is taken', p_claim_scopes[refused], p_claim_keys[refused]
                using errcode = 'ALC01', detail = refused::text;
        end if;
    end if;

    if cardinality(p_versions) > 0 then
        -- a stream's first new version follows one that exists
        select n.i into refused
          from unnest(p_stream_types, p_stream_ids, p_versions) with ordinality as n(stream_type, stream_id, version, i)
         where n.version > 1
           and not exists (select 1 from unnest(p_stream_types, p_stream_ids, p_versions) as same(stream_type, stream_id, version)
                            where same.stream_type = n.stream_type and same.stream_id = n.stream_id and same.version = n.version - 1)
           and not exists (select 1 from events e
                            where e.stream_type = n.stream_type and e.stream_id = n.stream_id and e.version = n.version - 1)
         order by n.i limit 1;
        if refused is null then
            insert into events (stream_type, stream_id, version, event_id, event_type, payload, metadata, trace_parent)
            select n.stream_type, n.stream_id, n.version, n.event_id, n.event_type, n.payload::jsonb, p_metadata::jsonb, p_trace_parent
              from unnest(p_stream_types, p_stream_ids, p_versions, p_event_ids, p_event_types, p_payloads)
                   with ordinality as n(stream_type, stream_id, version, event_id, event_type, payload, i)
             order by n.i
            on conflict on constraint events_stream_version do nothing;
            get diagnostics inserted = row_count;
            if inserted < cardinality(p_versions) then
                -- a concurrent writer took a version: the first event of its stream names the stream
                select min(n.i) into refused
                  from unnest(p_stream_types, p_stream_ids, p_versions) with ordinality as n(stream_type, stream_id, version, i)
                 where (n.stream_type, n.stream_id) in (
                       select m.stream_type, m.stream_id
                         from unnest(p_stream_types, p_stream_ids, p_versions, p_event_ids) as m(stream_type, stream_id, version, event_id)
                        where not exists (select 1 from events e where e.event_id = m.event_id));
            end if;
        end if;
        if refused is not null then
            raise exception 'stream % % is not at version %', p_stream_types[refused], p_stream_ids[refused], p_versions[refused] - 1
                using errcode = 'ALV01', detail = refused::text;
        end if;
    end if;

    if p_key is not null then
        insert into idempotency_keys (caller, key, fingerprint, status, body, etag, location)
        values (p_caller, p_key, p_fingerprint, p_status, p_body, p_etag, p_location)
        on conflict do nothing;
        if not found then
            raise exception 'idempotency key % of % is taken', p_key, p_caller using errcode = 'ALK01', detail = '1';
        end if;
    end if;
end;
$$;
