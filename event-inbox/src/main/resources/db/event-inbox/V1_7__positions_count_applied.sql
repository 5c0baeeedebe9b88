-- Each position counts the events its consumer applied in that partition, so that reading it does not count the inbox.
alter table projection_positions add column applied bigint not null default 0;
update projection_positions p set applied = (select count(*) from consumed_events c
                                             where c.consumer = p.consumer and c.topic = p.topic and c.kafka_partition = p.kafka_partition);
