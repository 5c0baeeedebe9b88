package org.allyledger.local;

import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints bearer tokens for the local system, signed with its development key (generated on first use): one for a
 * subject and role, or one a line for many, in one JVM.
 * Usage: {@code local/mint-token.sh <subject> <role> [hours]} or
 * {@code local/mint-token.sh [--hours N] <subject>:<role> [<subject>:<role> ...]}.
 */
public final class DevTokenMinter {
    static final Set<String> ROLES = Set.of("employee", "hr-system", "program-admin", "analyst");
    static final String USAGE = """
            usage: mint-token.sh <subject> <employee|hr-system|program-admin|analyst> [hours]
                   mint-token.sh [--hours N] <subject>:<role> [<subject>:<role> ...]   (a token a line, in order)""";

    private DevTokenMinter() {
    }

    public static void main(String[] args) {
        Path data = Path.of(System.getProperty("allyledger.data", ".allyledger"));
        try {
            mint(List.of(args), new Tokens(Tokens.DEV_ISSUER, SigningKeys.in(data.resolve("dev-keys")).privateKey()))
                    .forEach(System.out::println);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** The tokens the arguments ask for, in their order. */
    static List<String> mint(List<String> args, Tokens tokens) {
        List<String> rest = new ArrayList<>(args);
        long hours = 8;
        if (rest.size() >= 2 && rest.get(0).equals("--hours")) {
            hours = hours(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        Duration lifetime = Duration.ofHours(hours);
        if (rest.size() >= 2 && !rest.get(0).contains(":") && ROLES.contains(rest.get(1)) && rest.size() <= 3) {
            return List.of(tokens.mint(rest.get(0), rest.get(1), rest.size() == 3 ? Duration.ofHours(hours(rest.get(2))) : lifetime));
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("no subject and role given");
        }
        List<String> minted = new ArrayList<>();
        for (String pair : rest) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || !ROLES.contains(pair.substring(colon + 1))) {
                throw new IllegalArgumentException("not <subject>:<role>: " + pair);
            }
            minted.add(tokens.mint(pair.substring(0, colon), pair.substring(colon + 1), lifetime));
        }
        return minted;
    }

    private static long hours(String text) {
        try {
            long hours = Long.parseLong(text);
            if (hours > 0) {
                return hours;
            }
        } catch (NumberFormatException notANumber) {
            // told below
        }
        throw new IllegalArgumentException("hours must be a positive whole number: " + text);
    }
}
