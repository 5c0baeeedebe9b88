package org.allyledger.recognition.awards.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.eventstore.EventStore;
import org.allyledger.recognition.awards.domain.AwardEvent;
import org.allyledger.recognition.awards.domain.AwardsStream;
import org.allyledger.recognition.awards.domain.MonthAward;
import org.allyledger.recognition.nominations.domain.NominationEvent;
import org.allyledger.recognition.nominations.domain.NominationsStream;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the recognition rules need to know across streams, read from the event log. */
@ApplicationScoped
public class AwardLookups {
    private static final String COUNTING = """
            select stream_id from events
            where stream_type = 'recognition' and payload ->> 'nomineeId' = $1 and payload ->> 'awardMonth' = $2
              and event_type = any($3)
            group by stream_id
            having bool_and(event_type <> all($4))
            limit 1""";
    private static final String STANDING_WINS = """
            select e.payload ->> 'awardMonth' from events e
            where e.stream_type = 'recognition' and e.event_type = $2
              and e.payload ->> 'winnerId' = $1
              and not exists (select 1 from events r where r.stream_type = 'recognition' and r.stream_id = e.stream_id
                              and r.event_type = $3)""";

    private final Pool pool;
    private final EventStore store;
    private final AwardsStream awards;
    private final String[] nominationTypes;
    private final String[] notCountingTypes;

    public AwardLookups(Pool pool, EventStore store, AwardsStream awards, NominationsStream nominations) {
        this.pool = pool;
        this.store = store;
        this.awards = awards;
        this.nominationTypes = nominations.codec().types().toArray(String[]::new);
        this.notCountingTypes = new String[]{nominations.codec().typeOf(NominationEvent.NominationWithdrawn.class),
                nominations.codec().typeOf(NominationEvent.NominationRejected.class)};
    }

    public Uni<MonthAward> month(YearMonth month) {
        return store.load(awards, AwardsStream.streamId(month))
                .map(loaded -> loaded.isNew() ? MonthAward.open(month) : loaded.state());
    }

    public Uni<Boolean> hasCountingNomination(String nomineeId, YearMonth month) {
        return pool.preparedQuery(COUNTING).execute(Tuple.of(nomineeId, month.toString(), nominationTypes, notCountingTypes)).map(rows -> rows.iterator().hasNext());
    }

    /** The person's standing award nearest to {@code month}, other than {@code month} itself. */
    public Uni<Optional<YearMonth>> nearestOtherWin(String winnerId, YearMonth month) {
        return pool.preparedQuery(STANDING_WINS).execute(Tuple.of(winnerId,
                awards.codec().typeOf(AwardEvent.AllyOfTheMonthAwarded.class), awards.codec().typeOf(AwardEvent.AwardRevoked.class))).map(rows -> {
            List<YearMonth> wins = new ArrayList<>();
            for (Row row : rows) {
                YearMonth won = YearMonth.parse(row.getString(0));
                if (!won.equals(month)) {
                    wins.add(won);
                }
            }
            return wins.stream().min(Comparator.comparingLong(won -> Math.abs(java.time.temporal.ChronoUnit.MONTHS.between(won, month))));
        });
    }
}
