package com.callintel.hub.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Settings shared by the fault suite's tests: how hard and how long they push (system properties, so the bench
 * runs the long versions of the same tests: {@code bench/faults.sh}), and the hub arguments every node gets.
 */
final class FaultSuite {

    /** Client threads sending webhooks. */
    static final int THREADS = Integer.getInteger("callintel.faults.threads", 4);
    /** Webhooks per second, all threads together. */
    static final int RATE = Integer.getInteger("callintel.faults.rate", 60);
    /** Acknowledged webhooks before a fault is injected, and again after it ends (the CI version: a few seconds). */
    static final int ACKED_AROUND_FAULT = Integer.getInteger("callintel.faults.acked-around-fault", 150);
    /** How long the database stays down, killed. */
    static final Duration DATABASE_DOWN = Duration.ofSeconds(Long.getLong("callintel.faults.database-down-seconds", 5));
    /** How long the AMS stays down (the long version: 600). */
    static final Duration AMS_DOWN = Duration.ofSeconds(Long.getLong("callintel.faults.ams-down-seconds", 10));
    /** The bench's long versions run with the configured leases, retries and breaker pause ({@code bench/faults.sh}). */
    static final boolean REAL_TIMINGS = Boolean.getBoolean("callintel.faults.real-timings");
    /** Longest wait for the backlog to drain after a fault. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(Long.getLong("callintel.faults.settle-limit-seconds", REAL_TIMINGS ? 1200 : 240));

    private FaultSuite() {
    }

    /** Where logs go (kept for a failed run: target/fault-suite/). */
    static Path logs() {
        try {
            return Files.createDirectories(Path.of("target", "fault-suite"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hub arguments of every node of a run whose files live in {@code dir}, plus {@code more}. */
    static List<String> hubArguments(Path dir, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "logging.level.com.callintel=INFO",
                "callintel.sandbox.mailbox=false",                 // no SMTP server on the fixed port 3025 per node
                "callintel.vault.dev-key-file=" + dir.resolve("vault.key"),   // one key for all nodes of the run
                "callintel.intake.rate-limit-capacity=100000",     // the load is one endpoint's
                "callintel.intake.rate-limit-per-second=100000",
                "callintel.ams.syncs-per-organization=4",
                "callintel.access.operators=user_demo_operator",  // the suite reads the metrics as an operator
                // the purges never fire during a run: they would mask the rows the suite checks
                "callintel.privacy.after-sync-cron=0 0 0 1 1 ? 2099",
                "callintel.privacy.hard-maximum-cron=0 0 0 1 1 ? 2099",
                "callintel.screen-pop.purge-cron=0 0 0 1 1 ? 2099",
                "callintel.analytics.reconcile-cron=0 0 0 1 1 ? 2099"));
        if (!REAL_TIMINGS) {
            // time compressed for a CI run: leases, AMS retry spacing and breaker pause shortened (and more AMS
            // attempts, so the outage outlasts none of them: the defaults give 8 attempts over 10.5 minutes)
            arguments.addAll(List.of("callintel.processing.lease=10s", "callintel.ams.lease=15s",
                    "callintel.ams.first-retry=1s", "callintel.ams.max-retry=5s", "callintel.ams.max-attempts=40",
                    "callintel.ams.breaker-open-for=5s"));
        }
        arguments.addAll(more);
        return arguments;
    }

    static JdbcClient jdbc(String url) {
        DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
        return JdbcClient.create(dataSource);
    }

    /** A figure of the run: printed, and appended to target/fault-suite/figures.txt for the docs. */
    static void log(String line) {
        System.out.println("[fault-suite] " + line);
        try {
            Files.writeString(logs().resolve("figures.txt"), java.time.Instant.now() + " " + line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
