-- The W3C traceparent of the append that wrote the event (null when tracing is off): the relay continues its trace.
alter table events add column trace_parent text;
