-- The replica has the shape of reporting's people table (event-inbox's PeopleTable keeps both): location and work
-- model are organisational attributes, not personal data. Rows hold '' for them until the person's next event.
alter table people_replica rename to people;
alter table people add column location text not null default '', add column work_model text not null default '';
alter table people alter column location drop default, alter column work_model drop default;
