package com.callintel.hub.processing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.callintel.hub.support.AdvisedRouteTest;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content-based router on provider (route process-dispatch), reached by its id: an event goes to the normalizer
 * of its provider's installed connector and comes out canonical; an event whose provider has no connector (its file
 * removed after the event was stored) takes the other way - failed visibly with the reason, never normalized.
 */
class ProcessDispatchRouteTest extends AdvisedRouteTest {

    @Autowired
    WorkQueue queue;

    @BeforeEach
    void canonicalEventsToAMock() throws Exception {
        advise("process-dispatch", route -> route.weaveById("process-dispatch-canonical").after().to("mock:canonical"));
    }

    @Test
    void eventOfAnInstalledProviderBecomesCanonicalThroughItsNormalizer() throws Exception {
        TestTenant tenant = newTenant();
        QueuedEvent event = storedAndClaimed(tenant, "zoom", "inbound-completed.json");
        MockEndpoint canonical = mock("mock:canonical");
        canonical.expectedMessageCount(1);

        producer.sendBody("direct:process-dispatch", event);

        canonical.assertIsSatisfied();
        RecordedEvent recorded = canonical.getReceivedExchanges().get(0).getIn().getBody(RecordedEvent.class);
        assertThat(recorded.event().id()).isEqualTo(event.id());
        assertThat(recorded.normalized().calls()).singleElement().satisfies(call -> {
            assertThat(call.provider()).isEqualTo("zoom");
            assertThat(call.providerCallId()).isEqualTo("7412000000000000001");
            assertThat(call.externalNumber()).isEqualTo("+15555550123");
        });
        assertThat(status(event)).as("recording is the next route's work").containsEntry("status", "processing");
    }

    @Test
    void eventOfAProviderWithoutAConnectorFailsVisiblyAndIsNeverNormalized() throws Exception {
        TestTenant tenant = newTenant();
        QueuedEvent stored = storedAndClaimed(tenant, "zoom", "inbound-completed.json");
        QueuedEvent orphan = new QueuedEvent(stored.orgId(), stored.id(), "retired-provider", stored.eventKind(),
                stored.payload(), stored.attempts(), stored.receivedAt(), stored.organization());
        MockEndpoint canonical = mock("mock:canonical");
        canonical.expectedMessageCount(0);

        producer.sendBody("direct:process-dispatch", orphan);

        canonical.assertIsSatisfied();
        assertThat(status(stored)).containsEntry("status", "failed")
                .containsEntry("failure_reason", "no connector is installed for this provider");
    }

    /** A verified webhook as the intake stores it, leased by a claim as the processing poll would. */
    private QueuedEvent storedAndClaimed(TestTenant tenant, String provider, String fixture) {
        jdbc.sql("""
                insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload)
                select :org, a.id, :provider, 'dispatch-test', 'test', cast(:payload as jsonb)
                from provider_account a where a.org_id = :org and a.provider = :provider
                """)
                .param("org", tenant.orgId()).param("provider", provider)
                .param("payload", new String(fixture(provider, fixture), StandardCharsets.UTF_8)).update();
        return queue.claim().stream().filter(e -> e.orgId().equals(tenant.orgId())).findFirst().orElseThrow();
    }

    private Map<String, Object> status(QueuedEvent event) {
        return jdbc.sql("select status, failure_reason from inbound_event where org_id = :org and id = :id")
                .param("org", event.orgId()).param("id", event.id()).query().singleRow();
    }
}
