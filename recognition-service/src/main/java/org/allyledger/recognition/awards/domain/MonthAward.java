package org.allyledger.recognition.awards.domain;

import org.allyledger.recognition.awards.domain.AwardEvent.AllyOfTheMonthAwarded;
import org.allyledger.recognition.awards.domain.AwardEvent.AwardRevoked;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.allyledger.domain.Rejections.conflict;
import static org.allyledger.domain.Rejections.unprocessable;

/** A month's Ally of the Month award, as folded from its stream. */
public record MonthAward(YearMonth month, String winnerId, AwardStatus status) {

    public enum AwardStatus {
        OPEN, AWARDED, REVOKED
    }

    public static MonthAward open(YearMonth month) {
        return new MonthAward(month, null, AwardStatus.OPEN);
    }

    /** Awarded or revoked: either way the month takes no more nominations. */
    public boolean closed() {
        return status != AwardStatus.OPEN;
    }

    /**
     * Awards the month once, to a nominee with a counting nomination in it who has not won within the window.
     *
     * @param nearestOtherWin the winner's closest other standing award, if any
     */
    public List<AwardEvent> award(String winner, String note, YearMonth currentMonth, boolean hasCountingNomination,
                                  Optional<YearMonth> nearestOtherWin, int windowMonths) {
        if (closed()) {
            throw conflict("month-closed", "Ally of the Month for " + month + " was already decided (" + status + ").");
        }
        if (month.isAfter(currentMonth)) {
            throw unprocessable("awardMonth", "must not be a future month");
        }
        if (!hasCountingNomination) {
            throw unprocessable("winnerId", "has no counting nomination for " + month);
        }
        if (nearestOtherWin.isPresent() && monthsBetween(nearestOtherWin.get(), month) < windowMonths) {
            throw unprocessable("winnerId", "won Ally of the Month in " + nearestOtherWin.get()
                    + " and is ineligible within " + windowMonths + " months of it");
        }
        return List.of(new AllyOfTheMonthAwarded(month.toString(), winner, note));
    }

    public List<AwardEvent> revoke(String reason) {
        if (status != AwardStatus.AWARDED) {
            throw conflict("award-not-revocable", "Ally of the Month for " + month + " is " + status + "; there is no award to revoke.");
        }
        return List.of(new AwardRevoked(month.toString(), winnerId, reason));
    }

    /** A pure fold: the compiler checks that every event type of the stream has its branch. */
    public MonthAward apply(AwardEvent event) {
        return switch (event) {
            case AllyOfTheMonthAwarded(var awardMonth, var winnerId, var note) ->
                    new MonthAward(YearMonth.parse(awardMonth), winnerId, AwardStatus.AWARDED);
            case AwardRevoked e -> new MonthAward(YearMonth.parse(e.awardMonth()), winnerId, AwardStatus.REVOKED);
        };
    }

    static long monthsBetween(YearMonth a, YearMonth b) {
        return Math.abs(java.time.temporal.ChronoUnit.MONTHS.between(a, b));
    }
}
