package com.callintel.hub.connectorcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.callintel.hub.connectors.ConnectorSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector check's entry point, run as the command runs it (not through Maven): Aircall as committed passes,
 * and broken copies of it in a temporary folder each fail with the file and the reason an integrator needs.
 */
class ConnectorCheckCommandTest {

    private static final Path AIRCALL = Path.of("connectors/voip/aircall.kamelet.yaml");

    private record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void onlyTheChecksOwnLines() {
        ConnectorCheckCommand.quietLogging();
    }

    @Test
    void aircallPassesWithItsCanonicalEventsPrinted() {
        Result result = check(AIRCALL.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains(AIRCALL + "\n  file: YAML, annotations, proof 'shared-token'")
                .contains("  answered-call\n", "  missed-call\n", "  sms-received\n", "  voicemail\n")
                .contains("01-created.json  signed and verified, identity call.created:1700000001:call.created:1772463845")
                .contains("call {\"providerCallId\":\"1700000002\",\"direction\":\"inbound\"")
                .contains("sms  {\"providerMessageId\":")
                .contains("expected.json: 1 call(s), 0 message(s) as expected (in order and reversed)")
                .doesNotContain("FAIL")
                .containsPattern("PASS\nchecked " + aircallScenarios() + " scenarios in \\d+\\.\\d s\n$");
    }

    @Test
    void aBareNameIsTheConnectorOfConnectorsVoip() {
        assertThat(ConnectorCheckCommand.files(List.of("aircall"))).containsExactly(AIRCALL);
        assertThatThrownBy(() -> ConnectorCheckCommand.files(List.of("carrier-pigeon")))
                .hasMessageContaining("no connector file").hasMessageContaining("connectors/voip/carrier-pigeon.kamelet.yaml");
        assertThat(check("carrier-pigeon").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingAnnotationFailsNamingFileAndAnnotation(@TempDir Path dir) throws IOException {
        Path file = copyOfAircall(dir, yaml -> without(yaml, "    callintel.io/handshake: none\n"));

        Result result = check(file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("FAIL " + file + ": missing annotation callintel.io/handshake")
                .contains("checked 0 scenarios");
    }

    @Test
    void aProofParameterThatMakesNoSenseFailsNamingTheAnnotation(@TempDir Path dir) throws IOException {
        Path file = copyOfAircall(dir, yaml -> replaced(yaml, "callintel.io/signature-token-pointer: /token",
                "callintel.io/signature-token-pointer: token"));

        Result result = check(file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("FAIL " + file + ": annotation callintel.io/signature-token-pointer is not a JSON pointer");
    }

    @Test
    void aTemplateJqThatDoesNotCompileFailsBeforeAnySampleIsSent(@TempDir Path dir) throws IOException {
        Path file = copyOfAircall(dir, yaml -> replaced(yaml, "def ms: if . == null then null else . * 1000 end;",
                "def ms: if . == null then null else . * 1000;"));

        Result result = check(file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        // the line of the file where jq's "line 1, column 45" of the expression is
        int line = Files.readAllLines(file).indexOf(Files.readAllLines(file).stream()
                .filter(l -> l.contains("def ms: if . == null")).findFirst().orElseThrow()) + 1;
        assertThat(result.output()).contains("FAIL " + file + ":" + line + ": jq does not compile: ")
                .contains("at line 1, column 45").contains("checked 0 scenarios");
    }

    @Test
    void anExpectationTheHubDoesNotMeetFailsWithEachDifference(@TempDir Path dir) throws IOException {
        Path file = copyOfAircall(dir, yaml -> yaml);
        Path expected = dir.resolve("connectors/voip/aircall/samples/missed-call/expected.json");
        Files.writeString(expected, replaced(Files.readString(expected), "\"outcome\": \"missed\"", "\"outcome\": \"answered\""));

        Result result = check(file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("FAIL missed-call/expected.json: call 1700000002 outcome expected \"answered\", got \"missed\"")
                .doesNotContain("FAIL answered-call", "FAIL voicemail", "FAIL sms-received", "(sent in reverse order)")
                .contains("FAILED, 1 problem:")
                .contains("checked " + aircallScenarios() + " scenarios");
    }

    @Test
    void anIdentityThatNamesEveryEventOfACallAlikeStoresOnlyTheFirst(@TempDir Path dir) throws IOException {
        // as the hub would: every later event of the call is acknowledged as a duplicate and not stored
        Path file = copyOfAircall(dir, yaml -> replaced(yaml, "{id: \"\\(.data.id):\\(.event):\\(.timestamp)\", kind: .event}",
                "{id: \"\\(.data.id)\", kind: .resource}"));

        Result result = check(file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("02-ringing-on-agent.json: same identity as 01-created.json, so the hub acknowledges it as a"
                        + " duplicate and stores nothing of it")
                .contains("FAIL answered-call/expected.json: call 1700000001 state expected \"ended\", got \"ringing\"");
    }

    private static Result check(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = ConnectorCheckCommand.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Aircall's file, edited, and its samples, in {@code dir/connectors/voip/}. */
    private static Path copyOfAircall(Path dir, UnaryOperator<String> edit) throws IOException {
        Path voip = Files.createDirectories(dir.resolve("connectors/voip"));
        Path file = voip.resolve(AIRCALL.getFileName());
        Files.writeString(file, edit.apply(Files.readString(AIRCALL)));
        Path samples = AIRCALL.resolveSibling("aircall");
        try (Stream<Path> tree = Files.walk(samples)) {
            for (Path from : tree.toList()) {
                Path to = voip.resolve("aircall").resolve(samples.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return file;
    }

    /** The text with {@code from} replaced: fails when it is not there (the test would no longer break the file). */
    private static String replaced(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static String without(String text, String line) {
        return replaced(text, line, "");
    }

    /** Every scenario folder of Aircall's samples: the check runs them all. */
    private static int aircallScenarios() {
        return ConnectorSamples.scenarios(AIRCALL).size();
    }
}
