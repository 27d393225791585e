package com.callintel.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AMS types come from the installed files: every AMS Kamelet except a protocol, and every REST AMS file, which is
 * checked against its protocol's definition and refused, with the file and the field, when it does not fit.
 */
class AmsConnectorCatalogTest {

    private static final Path PROJECT = Path.of("connectors");
    private static final Path SANDBOX_REST = PROJECT.resolve("ams/rest/generic-rest.yaml");

    @TempDir
    Path dir;

    @Test
    void theInstalledFilesAreTheAmsTypes() {
        AmsConnectorCatalog catalog = catalog(PROJECT);

        assertThat(catalog.amsConnectors()).extracting(AmsConnector::type)
                .contains("ams360", "applied-epic", "ezlynx", "generic-rest");
        AmsConnector sandboxRest = catalog.ams("generic-rest").orElseThrow();
        assertThat(sandboxRest.declarative()).as("the REST file, run on the protocol").isTrue();
        assertThat(sandboxRest.file()).isEqualTo(SANDBOX_REST);
        assertThat(sandboxRest.parameters()).containsEntry("notePath", "/v1/applicants/{clientId}/notes")
                .containsEntry("noteBody", "{Subject: .description, Body: .text}");
        assertThat(sandboxRest.noteLimit()).isEqualTo(4000);
        assertThat(sandboxRest.credentials()).containsExactly("clientId", "clientSecret");
        assertThat(catalog.protocol("generic-rest")).as("the protocol Kamelet is a protocol").isPresent();
        AmsConnector ams360 = catalog.ams("ams360").orElseThrow();
        assertThat(ams360.declarative()).isFalse();
        assertThat(ams360.title()).isEqualTo("Vertafore AMS360");
        assertThat(ams360.credentials()).containsExactly("agencyNo", "loginId", "password", "employeeCode");
        assertThat(catalog.amsConnectors()).allSatisfy(c -> assertThat(c.noteLimit()).as(c.type()).isNotNull());
        assertThat(catalog.amsConnectors()).filteredOn(AmsConnector::agentNamesRecord).extracting(AmsConnector::type)
                .as("callintel.io/lookup: agent-names-record").containsExactly("ezlynx");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "'    searchPath: /v1/applicants/search '|''|spec.parameters.searchPath is required",
            "searchNumberForm: e164|searchNumberForm: international|spec.parameters.searchNumberForm must be one of [e164, national, digits]",
            "candidatesPath: .Applicants |candidatesPath: .Applicants[ |spec.parameters.candidatesPath jq does not compile",
            "notePath: /v1/applicants/{clientId}/notes|notePath: /v1/applicants/{recordId}/notes|spec.parameters.notePath may use [{clientId}], not {recordId}",
            "searchPath: /v1/applicants/search|searchPath: https://ams.example.com/search|spec.parameters.searchPath must be a plain path",
            "searchPath: /v1/applicants/search|searchPath: /v1/../admin|spec.parameters.searchPath must be a plain path",
            "searchParameter: phone|searchParameter: 'phone&admin=1'|spec.parameters.searchParameter must match",
            "'  parameters:'|'  parameters:\n    colour: blue'|spec.parameters.colour is not a parameter of generic-rest",
            "protocol: generic-rest|protocol: soap|spec.protocol must name an installed protocol Kamelet",
            "noteIdPath: .NoteId |noteIdPath: '{id: .NoteId}}' |spec.parameters.noteIdPath must not contain '{{' or '}}'",
            "'callintel.io/note-limit: \"4000\"'|'callintel.io/note-limit: lots'|callintel.io/note-limit must be a whole number",
            "name: acme-ams|name: other-ams|metadata.name 'other-ams'",
            "'  title: Acme AMS'|''|spec.title is required"})
    void anInvalidRestFileIsRefusedWithTheFileAndTheField(String part, String replacement, String reason) throws IOException {
        Path connectors = copyOfTheProtocol();
        String valid = acmeAms();
        assertThat(valid).contains(part.replace("\\n", "\n"));
        Files.writeString(connectors.resolve("ams/rest/acme-ams.yaml"), valid.replace(part, replacement.replace("\\n", "\n")));

        assertThatThrownBy(() -> catalog(connectors)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme-ams.yaml").hasMessageContaining(reason);
    }

    @Test
    void aRunningCatalogTakesANewFileAndRefusesABrokenChangeKeepingThePrevious() throws IOException {
        Path connectors = copyOfTheProtocol();
        AmsConnectorCatalog catalog = catalog(connectors);
        assertThat(catalog.hasAms("acme-ams")).isFalse();
        Path file = connectors.resolve("ams/rest/acme-ams.yaml");

        Files.writeString(file, acmeAms());
        assertThat(catalog.refresh().added()).extracting(AmsConnector::type).containsExactly("acme-ams");
        assertThat(catalog.ams("acme-ams")).get().extracting(AmsConnector::title).isEqualTo("Acme AMS");

        Files.writeString(file, acmeAms().replace("followUpStyle: new-note", "followUpStyle: overwrite"));
        AmsConnectorsChanged refused = catalog.refresh();
        assertThat(refused.refused()).singleElement().asString().contains("acme-ams.yaml")
                .contains("spec.parameters.followUpStyle must be one of [new-note, update]");
        assertThat(catalog.ams("acme-ams")).get().extracting(c -> c.parameters().get("followUpStyle")).isEqualTo("new-note");
        assertThat(catalog.refresh().refused()).as("refused once").isEmpty();

        Files.delete(file);
        assertThat(catalog.refresh().removed()).containsExactly("acme-ams");
        assertThat(catalog.hasAms("acme-ams")).isFalse();
    }

    /** A connectors folder holding only the generic-rest protocol (and an empty rest/ folder). */
    private Path copyOfTheProtocol() throws IOException {
        Path connectors = dir.resolve("connectors");
        Files.createDirectories(connectors.resolve("ams/rest"));
        Files.copy(PROJECT.resolve("ams/generic-rest.kamelet.yaml"), connectors.resolve("ams/generic-rest.kamelet.yaml"));
        return connectors;
    }

    /** The sandbox REST AMS's file as another AMS type: what an integrator starts from. */
    private static String acmeAms() throws IOException {
        return Files.readString(SANDBOX_REST).replace("name: generic-rest", "name: acme-ams")
                .replace("  title: Generic REST AMS", "  title: Acme AMS");
    }

    private static AmsConnectorCatalog catalog(Path connectors) {
        return new AmsConnectorCatalog(connectors, List.of(), event -> { });
    }
}
