package com.callintel.hub.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default run as a new user meets it: a call from a client of the sandbox AMS, posted to the demo
 * organization's Zoom endpoint with the demo secret, ends as a note in the sandbox AMS - the demo's own AMS
 * connection (scopes, access level) must be one the sandbox accepts.
 */
class DemoOrganizationTest extends HubIntegrationTest {

    private static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Test
    void aDemoCallFromAKnownClientBecomesANoteInTheSandboxAms() {
        String callId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000L));
        // Marcus Bell, one client of the sandbox AMS, calls
        byte[] body = new String(fixture("zoom", "inbound-completed.json"), StandardCharsets.UTF_8)
                .replace("7412000000000000001", callId).getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = SampleSender.sign("zoom", body, "zm_test_secret_7d41b0", Instant.now());

        assertThat(post("/webhooks/zoom/demo-zoom-7d41b0", signed.body(), signed.headers()).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(callId) != null
                && !status(callId).equals("pending") && !status(callId).equals("syncing"));
        assertThat(status(callId)).as(jdbc.sql("select coalesce(max(last_error), '') from ams_sync s join call c "
                + "on c.org_id = s.org_id and c.id = s.source_id where c.org_id = :org and c.provider_call_id = :id")
                .param("org", DEMO_ORG).param("id", callId).query(String.class).single()).isEqualTo("synced");
    }

    private String status(String callId) {
        return jdbc.sql("""
                select s.status from ams_sync s join call c on c.org_id = s.org_id and c.id = s.source_id
                where s.source_kind = 'call' and c.org_id = :org and c.provider = 'zoom' and c.provider_call_id = :id
                """).param("org", DEMO_ORG).param("id", callId).query(String.class).optional().orElse(null);
    }
}
