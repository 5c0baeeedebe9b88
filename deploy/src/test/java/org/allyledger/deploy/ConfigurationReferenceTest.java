package org.allyledger.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** deploy/README.md's configuration reference lists every {@code allyledger.*} setting the code reads. */
class ConfigurationReferenceTest {
    private static final Pattern INJECTED = Pattern.compile("ConfigProperty\\(name = \"(allyledger\\.[a-z0-9.-]+)\"|_PROPERTY = \"(allyledger\\.[a-z0-9.-]+)\"");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"(allyledger\\.[a-z0-9.-]+)\"\\)");
    private static final Pattern MAPPED = Pattern.compile("^ {4}[\\w<>]+ (\\w+)\\(\\);", Pattern.MULTILINE);
    private static final Pattern PROPERTY = Pattern.compile("^(?:%[a-z]+\\.)?(allyledger\\.[a-z0-9.-]+)=", Pattern.MULTILINE);
    /** A setting an annotation's expression reads, e.g. {@code @Scheduled(every = "${allyledger.x:10s}")}. */
    private static final Pattern EXPRESSION = Pattern.compile("\"\\$\\{(allyledger\\.[a-z0-9.-]+)(?::[^}]*)?}");

    @Test
    void everySettingTheServicesReadIsDocumented() throws IOException {
        Set<String> documented = DeployGuide.settings().stream().map(DeployGuide.Setting::property).collect(Collectors.toSet());
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DeployGuide.REPOSITORY)) {
            for (Path file : files.filter(ConfigurationReferenceTest::mainSource).toList()) {
                String text = Files.readString(file);
                if (file.toString().endsWith(".properties")) {
                    found(PROPERTY.matcher(text), read, 1);
                    continue;
                }
                found(EXPRESSION.matcher(text), read, 1);
                Matcher injected = INJECTED.matcher(text);
                while (injected.find()) {
                    read.add(injected.group(1) != null ? injected.group(1) : injected.group(2));
                }
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    Matcher mapped = MAPPED.matcher(text);
                    while (mapped.find()) {
                        read.add(mapping.group(1) + "." + kebab(mapped.group(1)));
                    }
                }
            }
        }
        read.removeAll(documented);
        assertEquals(Set.of(), read, "read by the code but missing from deploy/README.md's configuration reference");
    }

    private static boolean mainSource(Path file) {
        String path = file.toString();
        return path.contains("/src/main/") && !path.contains("/target/") && !path.contains("/local/")
                && (path.endsWith(".java") || path.endsWith(".properties"));
    }

    private static void found(Matcher matcher, Set<String> into, int group) {
        while (matcher.find()) {
            into.add(matcher.group(group));
        }
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
