-- Re-attribution planned at each call, for its people and the tables as they are: the plans it kept were made while a
-- catch-up's tables were nearly empty, and then read every fact for a batch of 500 people (at 20,000 people, 5.2 of its
-- 7.5 s, while the fact projections waited for its lock).
alter function reporting_reattribute(text[]) set plan_cache_mode = force_custom_plan;
