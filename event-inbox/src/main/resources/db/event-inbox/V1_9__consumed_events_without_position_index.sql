-- Nothing reads the inbox by position since positions count the events applied (V1_7): the index only cost every event
-- a second btree insert.
drop index if exists consumed_events_position;
