package org.allyledger.commitment.commitments.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.allyledger.commitment.commitments.domain.ActionKind;
import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.commitment.commitments.domain.Visibility;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.URL;

import java.time.LocalDate;

/** The bodies of the commitment commands. */
public final class CommitmentRequests {
    static final String ID = "^[A-Za-z0-9._-]{1,64}$";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";

    @Schema(name = "MakeCommitment", example = """
            {"category": "CONTINUOUS_LEARNING", "statement": "Complete two inclusive-leadership trainings this half",
             "startsOn": "2026-07-01", "endsOn": "2026-12-31", "targetActions": 2, "visibility": "ORGANISATION"}""")
    public record Make(
            @Schema(description = "The ally; an employee may leave it out (it is the token's subject), an HR system names it")
            @Pattern(regexp = ID, message = ID_MESSAGE) String allyId,
            @NotNull AllyshipCategory category,
            @NotBlank @Size(max = 500) String statement,
            @NotNull LocalDate startsOn,
            @NotNull LocalDate endsOn,
            @NotNull @Min(1) @Max(1000) Integer targetActions,
            @Schema(description = "PRIVATE when left out") Visibility visibility) {
    }

    @Schema(name = "LogAction", example = """
            {"kind": "TRAINING_COMPLETED", "occurredOn": "2026-09-14", "note": "Inclusive hiring workshop",
             "evidenceUrl": "https://lms.example.org/certificates/8812", "externalRef": "lms-completion-8812"}""")
    public record LogAction(
            @NotNull ActionKind kind,
            @NotNull LocalDate occurredOn,
            @Size(max = 2000) String note,
            @Size(max = 2000) @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String evidenceUrl,
            @Schema(description = "The HR system's id for the action: a resent action is recorded once")
            @Size(max = 200) String externalRef) {
    }

    @Schema(name = "AmendCommitment", example = """
            {"targetActions": 3, "endsOn": "2027-01-31", "reason": "Added the ERG summit"}""")
    public record Amend(
            @Size(min = 1, max = 500) String statement,
            @Min(1) @Max(1000) Integer targetActions,
            LocalDate endsOn,
            @Size(max = 500) String reason) {
    }

    @Schema(name = "WithdrawCommitment", example = "{\"reason\": \"Changed teams\"}")
    public record Withdraw(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "RenewCommitment", example = """
            {"startsOn": "2027-01-01", "endsOn": "2027-06-30", "targetActions": 3}""")
    public record Renew(
            @Size(min = 1, max = 500) String statement,
            @NotNull LocalDate startsOn,
            @NotNull LocalDate endsOn,
            @Min(1) @Max(1000) Integer targetActions) {
    }

    private CommitmentRequests() {
    }
}
