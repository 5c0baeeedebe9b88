package org.allyledger.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What deploy/README.md promises an operator, read from its tables: the settings each service requires in production,
 * and the network flows. The manifests and the compose file are checked against these, so the guide and what is
 * deployed cannot drift apart.
 */
final class DeployGuide {
    static final Path DEPLOY = Path.of(System.getProperty("allyledger.deploy", ".")).toAbsolutePath().normalize();
    static final Path REPOSITORY = DEPLOY.getParent();
    static final List<String> SERVICES = List.of("commitment-service", "recognition-service", "reporting-service");
    static final String EVERY_SERVICE = "every service";

    /** A row of the configuration reference. */
    record Setting(String property, String environmentVariable, Set<String> readBy, boolean required) {
        boolean readBy(String service) {
            return readBy.contains("all") || readBy.contains(service);
        }
    }

    /** A flow of the network flows table; a service is named by its name, any other peer as the table writes it. */
    record Flow(String from, String to, String port) {
    }

    private DeployGuide() {
    }

    static List<Setting> settings() {
        return rows("configuration-reference").stream()
                .filter(cells -> cells.get(0).startsWith("`") && !cells.get(0).contains(","))
                .map(cells -> new Setting(code(cells.get(0)), code(cells.get(1)),
                        Arrays.stream(cells.get(3).split(",")).map(String::strip).collect(Collectors.toSet()),
                        cells.get(4).equals("required")))
                .toList();
    }

    static List<Setting> required(String service) {
        return settings().stream().filter(setting -> setting.required() && setting.readBy(service)).toList();
    }

    /** The flows, with "every service" expanded to each service. */
    static Set<Flow> flows() {
        Set<Flow> flows = new java.util.TreeSet<>(java.util.Comparator.comparing(Flow::toString));
        for (List<String> cells : rows("network-flows")) {
            for (String from : expand(cells.get(0))) {
                for (String to : expand(cells.get(1))) {
                    flows.add(new Flow(from, to, cells.get(2)));
                }
            }
        }
        return flows;
    }

    /** MicroProfile Config's environment variable for a property. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<String> expand(String peer) {
        return peer.equals(EVERY_SERVICE) ? SERVICES : List.of(peer);
    }

    private static String code(String cell) {
        return cell.replace("`", "").strip();
    }

    /** The body rows of the table that follows the comment {@code <!-- name: ... -->}. */
    private static List<List<String>> rows(String name) {
        List<String> lines = readme();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith("<!-- " + name + ":")) {
            at++;
        }
        if (at == lines.size()) {
            throw new AssertionError("deploy/README.md has no table marked " + name);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int line = at + 3; line < lines.size() && lines.get(line).startsWith("|"); line++) {
            String row = lines.get(line).strip();
            rows.add(Arrays.stream(row.substring(1, row.length() - 1).split("\\|", -1)).map(String::strip).toList());
        }
        return rows;
    }

    private static List<String> readme() {
        try {
            return Files.readAllLines(DEPLOY.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
