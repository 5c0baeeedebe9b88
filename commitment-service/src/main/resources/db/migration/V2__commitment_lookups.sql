-- An ally's commitments, in the order they were made, straight from the log.
create index events_commitments_by_ally on events ((payload ->> 'allyId'), global_position)
    where stream_type = 'commitments' and event_type = 'org.allyledger.commitments.CommitmentMade.v1';

-- The lapse sweep and the initiative list read one stream type at a time.
create index events_by_stream_type on events (stream_type, event_type, global_position);
