package org.allyledger.local;

import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Prints a bearer token for the local system, signed with its development key (generated on first use).
 * Usage: {@code local/mint-token.sh <subject> <employee|hr-system|program-admin|analyst> [hours]}.
 */
public final class DevTokenMinter {
    private static final Set<String> ROLES = Set.of("employee", "hr-system", "program-admin", "analyst");

    public static void main(String[] args) {
        if (args.length < 2 || !ROLES.contains(args[1])) {
            System.err.println("usage: mint-token.sh <subject> <employee|hr-system|program-admin|analyst> [hours]");
            System.exit(2);
        }
        Path data = Path.of(System.getProperty("allyledger.data", ".allyledger"));
        long hours = args.length > 2 ? Long.parseLong(args[2]) : 8;
        Tokens tokens = new Tokens(Tokens.DEV_ISSUER, SigningKeys.in(data.resolve("dev-keys")).privateKey());
        System.out.println(tokens.mint(args[0], args[1], Duration.ofHours(hours)));
    }

    private DevTokenMinter() {
    }
}
