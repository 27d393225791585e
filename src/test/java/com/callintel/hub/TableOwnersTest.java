package com.callintel.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One owner per table (docs/architecture.md, "Table owners"): the SQL that names a table is written in its owner
 * package only; the others call the owner's methods. A statement that joins the tables of two owners lives with
 * one of them. Read from the sources, as SQL is text: every string literal and text block of the main code.
 */
class TableOwnersTest {

    private static final Path MAIN = Path.of("src/main/java/com/callintel/hub");
    private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("call", "calls"),
            Map.entry("sms_message", "calls"), Map.entry("ams_sync", "ams"), Map.entry("call_analysis", "ai"),
            Map.entry("ai_setting", "ai"), Map.entry("ai_token_use", "ai"), Map.entry("incident", "notices"),
            Map.entry("incident_organization", "notices"), Map.entry("incident_reminder", "notices"),
            Map.entry("policy_version", "notices"), Map.entry("notice_mail", "notices"), Map.entry("billing_event", "billing"),
            Map.entry("billing_account", "billing"), Map.entry("billing_state_change", "billing"),
            Map.entry("transcript_fetch", "transcripts"), Map.entry("organization_admin", "access"));

    /**
     * Read models that may read owned tables, never write them, each with why. The list only shrinks: a class
     * listed here that no longer reads an owned table fails too.
     */
    private static final Map<String, String> READERS = Map.of("analytics.AnalyticsFacts",
            "re-derives the anonymized facts from the rows in one statement per fact (idempotent, never incremented)");

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    @Test
    void everyTablesSqlLivesWithItsOwner() {
        List<String> misplaced = new ArrayList<>();
        Set<String> readers = new TreeSet<>();
        for (Path file : mainSources()) {
            String where = packageOf(file) + "." + file.getFileName().toString().replace(".java", "");
            boolean reader = READERS.containsKey(where);
            for (String problem : misplacedStatements(packageOf(file), read(file), reader)) {
                misplaced.add(where + ": " + problem);
            }
            if (reader && !misplacedStatements(packageOf(file), read(file), false).isEmpty()) {
                readers.add(where);
            }
        }
        assertThat(misplaced).as("SQL naming a table outside its owner package").isEmpty();
        assertThat(readers).as("read models that no longer read an owned table: drop them from READERS")
                .containsExactlyInAnyOrderElementsOf(READERS.keySet());
    }

    @Test
    void findsAStatementOnTheCallTableOutsideItsOwner() {
        String source = """
                class Sneaky {
                    String sql = \"""
                            update call set summary = null
                            where org_id = :org\""";
                    String other = "select id from ams_sync where org_id = ?";
                    String fine = "a call came in";
                }
                """;

        assertThat(misplacedStatements("screenpop", source, false)).hasSize(2);
        assertThat(misplacedStatements("calls", source, false)).hasSize(1);
        assertThat(misplacedStatements("calls", "String s = \"select 1 from call c join ams_sync s on true\";", false))
                .isEmpty();
    }

    @Test
    void aReadModelReadsButNeverWrites() {
        assertThat(misplacedStatements("analytics", "String s = \"insert into call_fact select id from call\";", true))
                .isEmpty();
        assertThat(misplacedStatements("analytics", "String s = \"update call set summary = null\";", true))
                .hasSize(1);
    }

    /**
     * What in {@code source}, a file of package {@code pkg}, names an owned table that {@code pkg} does not own;
     * for a {@code reader}, only what writes one.
     */
    static List<String> misplacedStatements(String pkg, String source, boolean reader) {
        List<String> problems = new ArrayList<>();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            Set<String> tables = reader ? tablesWrittenIn(text) : tablesNamedIn(text);
            Set<String> owners = new TreeSet<>();
            tables.forEach(table -> owners.add(OWNERS.get(table)));
            if (!tables.isEmpty() && !owners.contains(pkg)) {
                problems.add("names " + tables + " (owned by " + owners + "): " + text.strip().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    private static Set<String> tablesNamedIn(String sql) {
        return tablesMatching(sql, "(from|join|update|into|table)");
    }

    private static Set<String> tablesWrittenIn(String sql) {
        return tablesMatching(sql, "(update|into|delete\\s+from)");
    }

    private static Set<String> tablesMatching(String sql, String clause) {
        Set<String> tables = new TreeSet<>();
        for (String table : OWNERS.keySet()) {
            if (Pattern.compile("(?i)\\b" + clause + "\\s+" + table + "\\b").matcher(sql).find()) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !packageOf(file).equals("sandbox"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level package under com.callintel.hub ({@code intake} for intake.signature too). */
    private static String packageOf(Path file) {
        Path relative = MAIN.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
