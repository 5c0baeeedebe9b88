package org.allyledger.recognition.awards.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.config.RecognitionConfig;
import org.allyledger.eventstore.EventStore;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;
import org.allyledger.recognition.awards.domain.AwardEvent;
import org.allyledger.recognition.awards.domain.AwardsStream;
import org.allyledger.recognition.awards.domain.MonthAward;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.OptionalLong;

/** Awarding and revoking Ally of the Month. */
@ApplicationScoped
public class Awards {
    private final EventStore store;
    private final AwardsStream awards;
    private final AwardLookups lookups;
    private final Clock clock;
    private final int windowMonths;
    private final PersonalData personalData;

    public Awards(EventStore store, AwardsStream awards, AwardLookups lookups, Clock clock, PersonalData personalData,
                  RecognitionConfig recognition) {
        this.store = store;
        this.awards = awards;
        this.lookups = lookups;
        this.clock = clock;
        this.windowMonths = recognition.awardWindowMonths();
        this.personalData = personalData;
    }

    public record AwardView(String awardMonth, String winnerId, MonthAward.AwardStatus status, long version) {
    }

    public Uni<Decision> award(YearMonth month, String winnerId, String note, OptionalLong ifMatch) {
        String id = AwardsStream.streamId(month);
        return store.load(awards, id).flatMap(loaded -> lookups.hasCountingNomination(winnerId, month)
                .flatMap(counting -> lookups.nearestOtherWin(winnerId, month).flatMap(nearest -> personalData.sealing(winnerId).map(text -> {
                    MonthAward current = loaded.isNew() ? MonthAward.open(month) : loaded.state();
                    List<AwardEvent> events = current.award(winnerId, text.seal(note), YearMonth.now(clock), counting, nearest, windowMonths);
                    StreamAppend<AwardEvent> append = StreamAppend.of(awards, id, ifMatch.orElse(loaded.version()), events);
                    return Decision.of(append, CommandResult.created(view(awards.applyAll(current, events), append.newVersion()),
                            append.newVersion(), "/awards/" + month));
                }))));
    }

    public Uni<Decision> revoke(YearMonth month, String reason, OptionalLong ifMatch) {
        String id = AwardsStream.streamId(month);
        return store.load(awards, id).flatMap(loaded -> sealedFor(loaded.isNew() ? null : loaded.state().winnerId(), reason).map(sealed -> {
            MonthAward current = loaded.isNew() ? MonthAward.open(month) : loaded.state();
            List<AwardEvent> events = current.revoke(sealed);
            StreamAppend<AwardEvent> append = StreamAppend.of(awards, id, ifMatch.orElse(loaded.version()), events);
            return Decision.of(append, CommandResult.ok(view(awards.applyAll(current, events), append.newVersion()), append.newVersion()));
        }));
    }

    /** The text sealed under the winner's key; without a winner there is nothing to revoke, and the rule refuses it. */
    private Uni<String> sealedFor(String winnerId, String text) {
        return winnerId == null ? Uni.createFrom().item(text) : personalData.sealing(winnerId).map(key -> key.seal(text));
    }

    public Uni<AwardView> read(YearMonth month) {
        return store.load(awards, AwardsStream.streamId(month))
                .map(loaded -> view(loaded.isNew() ? MonthAward.open(month) : loaded.state(), loaded.version()));
    }

    private static AwardView view(MonthAward award, long version) {
        return new AwardView(award.month().toString(), award.winnerId(), award.status(), version);
    }
}
