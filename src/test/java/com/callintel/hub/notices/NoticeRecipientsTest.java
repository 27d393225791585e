package com.callintel.hub.notices;

import java.net.http.HttpResponse;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization's admins can see who its notices are mailed to (Settings): every admin who signed in, then the
 * alert address unless it is one of theirs; agents cannot.
 */
class NoticeRecipientsTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void adminsSeeEveryAdminWhoSignedInAndTheAlertAddressOnceAgentsSeeNothing() throws Exception {
        TestTenant tenant = newTenant();
        assertThat(recipients(tenant).path("recipients")).as("nobody signed in, no alert address").isEmpty();

        tenants.setAlertEmail(tenant.orgId(), "alerts@" + tenant.orgId() + ".test");
        assertThat(recipients(tenant).path("recipients").findValuesAsText("as")).as("the fallback")
                .containsExactly("alert-address");

        String pat = signInAdmin(tenant, "pat");
        String sam = signInAdmin(tenant, "sam");
        JsonNode both = recipients(tenant).path("recipients");
        assertThat(both.findValuesAsText("address")).containsExactly(pat, sam, "alerts@" + tenant.orgId() + ".test");
        assertThat(both.findValuesAsText("as")).containsExactly("admin", "admin", "alert-address");

        tenants.setAlertEmail(tenant.orgId(), sam.toUpperCase(java.util.Locale.ROOT));
        assertThat(recipients(tenant).path("recipients").findValuesAsText("address")).as("the alert address is sam's")
                .containsExactly(pat, sam);

        assertThat(call("GET", "/api/admin/notice-recipients", agentToken(tenant), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/notice-recipients", null, null).statusCode()).isEqualTo(401);
    }

    private JsonNode recipients(TestTenant tenant) throws Exception {
        HttpResponse<String> response = call("GET", "/api/admin/notice-recipients", adminToken(tenant), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
