package org.allyledger.recognition.nominations.domain;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationEndorsed;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationRejected;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationSubmitted;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationWithdrawn;

import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.allyledger.domain.Rejections;

import static org.allyledger.domain.Rejections.conflict;
import static org.allyledger.domain.Rejections.unprocessable;

/**
 * A nomination as folded from its stream, the nominator's id already unsealed. Commands check the recognition
 * rules and return the events to append.
 */
public record Nomination(String id, String nominatorId, String nomineeId, YearMonth awardMonth, List<AllyshipCategory> categories,
                         String citation, boolean anonymous, List<String> linkedActionIds, NominationStatus status,
                         Set<String> endorsers) {

    public static final Nomination NONE = new Nomination(null, null, null, null, List.of(), null, false, List.of(), null, Set.of());

    public boolean exists() {
        return id != null;
    }

    /**
     * Allies are recognised by others: nobody nominates themselves. A month takes nominations from its first day
     * until it is awarded, within the {@link NominationWindow}.
     *
     * @param seal encrypts the nominator's id for an anonymous nomination
     */
    public static List<NominationEvent> submit(String id, String nominatorId, String nomineeId, YearMonth month,
                                               List<AllyshipCategory> categories, String citation, boolean anonymous,
                                               List<String> linkedActionIds, NominationWindow window, boolean monthAwarded,
                                               UnaryOperator<String> seal) {
        if (nominatorId.equals(nomineeId)) {
            throw unprocessable("nomineeId", "must be someone else: allies are recognised by others, never self-declared");
        }
        if (month.isAfter(window.current())) {
            throw unprocessable("awardMonth", "must not be a future month; " + month + " opens on its first day");
        }
        if (month.isBefore(window.earliest())) {
            throw unprocessable("awardMonth", "must be " + window.earliest() + " or later; older months take no more nominations");
        }
        if (monthAwarded) {
            throw conflict("month-closed", "Ally of the Month for " + month + " has been awarded; the month takes no more nominations.");
        }
        List<AllyshipCategory> distinct = List.copyOf(new LinkedHashSet<>(categories));
        if (distinct.isEmpty() || distinct.size() > 3) {
            throw unprocessable("categories", "must name one to three different categories");
        }
        return List.of(new NominationSubmitted(id, nomineeId, month.toString(), distinct, citation, anonymous,
                anonymous ? null : nominatorId, anonymous ? seal.apply(nominatorId) : null, List.copyOf(linkedActionIds)));
    }

    /** A colleague seconds the nomination once; never its nominator or nominee. */
    public List<NominationEvent> endorse(String endorserId, String note, boolean monthAwarded) {
        requireCounting(monthAwarded);
        if (endorserId.equals(nomineeId) || endorserId.equals(nominatorId)) {
            throw unprocessable("endorserId", "must be neither the nominator nor the nominee");
        }
        if (endorsers.contains(endorserId)) {
            throw conflict("already-endorsed", endorserId + " already endorsed this nomination.");
        }
        return List.of(new NominationEndorsed(id, nomineeId, awardMonth.toString(), endorserId, note));
    }

    /** Only its nominator withdraws a nomination, and only before the month is awarded. */
    public List<NominationEvent> withdraw(String byId, boolean monthAwarded) {
        if (!byId.equals(nominatorId)) {
            throw Rejections.notPermitted("Only its nominator may withdraw a nomination.");
        }
        requireCounting(monthAwarded);
        return List.of(new NominationWithdrawn(id, nomineeId, awardMonth.toString()));
    }

    public List<NominationEvent> reject(String reason) {
        if (status != NominationStatus.SUBMITTED) {
            throw conflict("nomination-closed", "The nomination is " + status + " already.");
        }
        return List.of(new NominationRejected(id, nomineeId, awardMonth.toString(), reason));
    }

    /** Applies an event; {@code unseal} recovers an anonymous nominator's id. */
    public Nomination apply(NominationEvent event, UnaryOperator<String> unseal) {
        return switch (event) {
            case NominationSubmitted(var nominationId, var nomineeId, var awardMonth, var categories, var citation, var anonymous,
                                     var nominatorId, var sealedNominator, var linkedActionIds) ->
                    new Nomination(nominationId, anonymous ? unseal.apply(sealedNominator) : nominatorId,
                    nomineeId, YearMonth.parse(awardMonth), categories, citation, anonymous, linkedActionIds,
                    NominationStatus.SUBMITTED, Set.of());
            case NominationEndorsed e -> {
                Set<String> after = new LinkedHashSet<>(endorsers);
                after.add(e.endorserId());
                yield new Nomination(id, nominatorId, nomineeId, awardMonth, categories, citation, anonymous, linkedActionIds, status,
                        java.util.Collections.unmodifiableSet(after));
            }
            case NominationWithdrawn e -> closed(NominationStatus.WITHDRAWN);
            case NominationRejected e -> closed(NominationStatus.REJECTED);
        };
    }

    private Nomination closed(NominationStatus closed) {
        return new Nomination(id, nominatorId, nomineeId, awardMonth, categories, citation, anonymous, linkedActionIds, closed, endorsers);
    }

    private void requireCounting(boolean monthAwarded) {
        if (status != NominationStatus.SUBMITTED) {
            throw conflict("nomination-closed", "The nomination is " + status + "; it accepts no more changes.");
        }
        if (monthAwarded) {
            throw conflict("month-closed", "Ally of the Month for " + awardMonth + " has been awarded; its nominations are closed.");
        }
    }
}
