-- A month's nominations of a nominee, and a person's awards, straight from the log.
create index events_recognition_by_month on events ((payload ->> 'awardMonth'), (payload ->> 'nomineeId'))
    where stream_type = 'recognition';
create index events_recognition_by_winner on events ((payload ->> 'winnerId'))
    where stream_type = 'recognition' and event_type = 'org.allyledger.recognition.AllyOfTheMonthAwarded.v1';
