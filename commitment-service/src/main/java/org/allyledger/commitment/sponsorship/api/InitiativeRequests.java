package org.allyledger.commitment.sponsorship.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the initiative and sponsorship commands. */
public final class InitiativeRequests {

    @Schema(name = "LaunchInitiative", example = """
            {"name": "Inclusive hiring panels", "erg": "Women in Tech", "year": 2026,
             "description": "Sponsors join interview panels and coach interviewers.", "sponsorCapacity": 20}""")
    public record Launch(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 100) String erg,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @Size(max = 4000) String description,
            @Min(1) @Max(100_000) Integer sponsorCapacity) {
    }

    @Schema(name = "Pledge", example = "{}")
    public record Pledge(
            @Schema(description = "The ally; an employee may leave it out (it is the token's subject), an HR system names it")
            @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$", message = "must be 1-64 letters, digits, '.', '_' or '-'") String allyId) {
    }

    @Schema(name = "FulfilSponsorship", example = "{\"outcome\": \"Sat on 6 panels; 2 hires from under-represented groups.\"}")
    public record Fulfil(@NotBlank @Size(min = 10, max = 2000) String outcome) {
    }

    @Schema(name = "WithdrawSponsorship", example = "{\"reason\": \"Parental leave\"}")
    public record Withdraw(@NotBlank @Size(max = 500) String reason) {
    }

    private InitiativeRequests() {
    }
}
