package com.callintel.hub.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.callintel.hub.support.DatabaseScan;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials are write-only: never in an API response, a log line or a database column in plaintext. */
@ExtendWith(OutputCaptureExtension.class)
class CredentialExposureTest extends HubIntegrationTest {

    private static final String WEBHOOK_SECRET = "whsec-Plaintext-7Q2xVb91";
    private static final String ROTATED_SECRET = "whsec-Rotated-K8mPz3Lw";
    private static final String API_TOKEN = "goto-token-Plaintext-3Jd8";
    private static final String AMS_PASSWORD = "ams-Pa55word-Plaintext-9x";
    private static final String OAUTH_CLIENT_SECRET = "zoom-s2s-Plaintext-Secret-5Tq";

    @Test
    void credentialsAppearNowhereInPlaintext(CapturedOutput output) {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        List<String> responses = new ArrayList<>();

        var created = call("POST", "/api/admin/provider-accounts", admin,
                "{\"provider\":\"zoom\",\"secret\":\"" + WEBHOOK_SECRET + "\",\"apiToken\":\"" + API_TOKEN + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        responses.add(created.body());
        String accountId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        responses.add(call("POST", "/api/admin/provider-accounts/" + accountId + "/secret", admin,
                "{\"secret\":\"" + ROTATED_SECRET + "\"}").body());
        var app = call("PUT", "/api/admin/provider-accounts/" + accountId + "/oauth-app", admin,
                "{\"accountId\":\"acct-exposure\",\"clientId\":\"client-exposure\",\"clientSecret\":\"" + OAUTH_CLIENT_SECRET + "\"}");
        assertThat(app.statusCode()).as(app.body()).isEqualTo(204);
        responses.add(app.body());
        responses.add(call("PUT", "/api/admin/ams-connection", admin, "{\"type\":\"applied-epic\",\"baseUrl\":"
                + "\"https://api.mock.myappliedproducts.com\",\"credentials\":{\"clientId\":\"cid\",\"clientSecret\":\""
                + AMS_PASSWORD + "\"}}").body());
        responses.add(call("GET", "/api/admin/ams-connection", admin, null).body());
        responses.add(call("GET", "/api/admin/provider-accounts", admin, null).body());
        responses.add(get("/api/openapi.json").body());

        // the rotated secret is the one that works now
        var signedWithNew = com.callintel.hub.sandbox.SampleSender.sign("zoom", fixture("zoom", "inbound-ringing.json"),
                ROTATED_SECRET, java.time.Instant.now());
        String key = created.body().replaceAll(".*/webhooks/zoom/([^\"]+)\".*", "$1");
        assertThat(post("/webhooks/zoom/" + key, signedWithNew.body(), signedWithNew.headers()).statusCode()).isEqualTo(200);

        for (String secret : List.of(WEBHOOK_SECRET, ROTATED_SECRET, API_TOKEN, AMS_PASSWORD, OAUTH_CLIENT_SECRET)) {
            assertThat(responses).as("API responses").noneSatisfy(body -> assertThat(body).contains(secret));
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
            assertThat(columnsContaining(secret)).as("database columns holding " + secret).isEmpty();
        }
    }

    /** Every text, JSON and bytea column of every table of the hub's schema, searched for the value. */
    private List<String> columnsContaining(String value) {
        return new DatabaseScan(jdbc).columnsHolding(value);
    }
}
