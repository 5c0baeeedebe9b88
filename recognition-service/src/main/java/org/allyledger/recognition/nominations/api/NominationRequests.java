package org.allyledger.recognition.nominations.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.allyledger.contracts.AllyshipCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of the nomination commands. */
public final class NominationRequests {
    static final String ID = "^[A-Za-z0-9._-]{1,64}$";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";
    static final String MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";

    @Schema(name = "Nominate", example = """
            {"nomineeId": "e42", "awardMonth": "2026-11", "categories": ["AMPLIFYING_VOICES"],
             "citation": "In the design review Sam made sure the quietest voices were heard and credited.", "anonymous": false}""")
    public record Nominate(
            @Schema(description = "The nominator; an employee leaves it out (it is the token's subject), an HR system names it")
            @Pattern(regexp = ID, message = ID_MESSAGE) String nominatorId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String nomineeId,
            @NotNull @Pattern(regexp = MONTH, message = "must be a month as YYYY-MM") String awardMonth,
            @NotNull @Size(min = 1, max = 3) List<@NotNull AllyshipCategory> categories,
            @NotBlank @Size(min = 20, max = 2000) String citation,
            Boolean anonymous,
            @Size(max = 20) List<@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String> linkedActionIds) {
    }

    @Schema(name = "Endorse", example = "{\"note\": \"Saw this too: Sam changed how our team runs meetings.\"}")
    public record Endorse(
            @Pattern(regexp = ID, message = ID_MESSAGE) String endorserId,
            @Size(max = 1000) String note) {
    }

    @Schema(name = "WithdrawNomination", example = "{}")
    public record Withdraw(@Pattern(regexp = ID, message = ID_MESSAGE) String nominatorId) {
    }

    @Schema(name = "RejectNomination", example = "{\"reason\": \"The citation describes no specific behaviour.\"}")
    public record Reject(@NotBlank @Size(max = 1000) String reason) {
    }

    private NominationRequests() {
    }
}
