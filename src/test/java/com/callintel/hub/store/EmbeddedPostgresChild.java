package com.callintel.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The default run's database start-up in a JVM of its own, for {@link EmbeddedPostgresRestartTest} to kill:
 * claims the folder and starts PostgreSQL through {@link EmbeddedPostgresConfiguration} as the hub does, writes
 * a marker row, says READY and waits to be killed.
 */
final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();
        DataFolderLock lock = configuration.embeddedDataFolderLock(dataDir, false);
        EmbeddedPostgres postgres = configuration.embeddedPostgres(lock, dataDir, 0, false,
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("create table if not exists marker (written_by bigint)");
            sql.execute("insert into marker values (" + ProcessHandle.current().pid() + ")");
        }
        System.out.println("READY " + postgres.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
