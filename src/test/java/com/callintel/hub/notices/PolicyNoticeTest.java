package com.callintel.hub.notices;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Policy-change notice at least 30 days ahead: a version taking effect sooner is refused; one 30 days ahead is mailed
 * to the admins of every organization, and /privacy serves it, escaped, with its effective date once that day comes.
 */
class PolicyNoticeTest extends HubIntegrationTest {

    private static final String OPERATOR = "user_demo_operator";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPolicyTakingEffect29DaysAfterPublicationIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        tenants.setAlertEmail(tenant.orgId(), adminMail(tenant));
        String marker = "Too soon " + UUID.randomUUID();

        HttpResponse<String> refused = publish(marker, today().plusDays(29));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("effectiveDate")
                .contains(today().plusDays(30).toString());
        assertThat(jdbc.sql("select count(*) from policy_version where text = :text").param("text", marker)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from notice_mail where org_id = :org and policy_id is not null")
                .param("org", tenant.orgId()).query(Long.class).single()).isZero();
    }

    @Test
    void aPolicyTakingEffect30DaysAfterPublicationIsMailedToEveryActiveOrganizationAndServedFromThatDay() throws Exception {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        TestTenant canceled = newTenant();
        String pat = signInAdmin(a, "pat");
        tenants.setAlertEmail(a.orgId(), pat.toUpperCase(java.util.Locale.ROOT));   // one of its admins: mailed once
        tenants.setAlertEmail(b.orgId(), adminMail(b));   // no admin signed in yet: the alert address stands for them
        tenants.setAlertEmail(canceled.orgId(), adminMail(canceled));
        String canceledAdmin = signInAdmin(canceled, "lee");
        jdbc.sql("insert into billing_account (org_id, customer_id, state, state_at) values (:org, :customer, 'canceled', now())")
                .param("org", canceled.orgId()).param("customer", "cus_" + canceled.orgId()).update();
        String marker = "CallIntel keeps call data at most 30 days " + UUID.randomUUID();
        String text = marker + "\n<script>alert('x')</script>";
        LocalDate effective = today().plusDays(30);

        HttpResponse<String> published = publish(text, effective);

        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        long id = JSON.readTree(published.body()).path("version").path("id").asLong();
        for (var recipient : Map.of(pat, a, adminMail(b), b).entrySet()) {
            TestTenant tenant = recipient.getValue();
            assertThat(Mails.awaitOne(mailbox, recipient.getKey(), "our privacy policy changes on " + effective))
                    .contains("It takes effect on " + effective).contains(marker).contains("<script>alert('x')</script>");
            assertThat(jdbc.sql("select count(*) from audit_log where org_id = :org and user_id = :op and action = :action")
                    .param("org", tenant.orgId()).param("op", OPERATOR).param("action", "POST /api/operator/policies")
                    .query(Long.class).single()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id, a) && sent(id, b));
        assertThat(jdbc.sql("select count(*) from notice_mail where policy_id = :p and org_id = :org")
                .param("p", id).param("org", canceled.orgId()).query(Long.class).single())
                .as("an organization whose billing is canceled is not an active one").isZero();
        assertThat(Mails.to(mailbox, canceledAdmin, "our privacy policy changes")).isEmpty();
        assertThat(jdbc.sql("select recipient from notice_mail where policy_id = :p and org_id = :org")
                .param("p", id).param("org", a.orgId()).query(String.class).list())
                .as("its admin, whose address is also the alert address, once").containsExactly(pat);
        assertThat(JSON.readTree(call("GET", "/api/operator/policies", operator(), null).body()).findValuesAsText("id"))
                .contains(String.valueOf(id));

        HttpResponse<String> before = get("/privacy");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).as("announced, not yet in force")
                .contains("A new version takes effect on " + effective).doesNotContain("Effective date: " + effective);

        clock.advance(Duration.ofDays(30));

        HttpResponse<String> page = get("/privacy");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Effective date: " + effective)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void aPolicyThatCannotBePublishedIsRefusedWithAProblem() {
        for (String body : new String[] {"{\"effectiveDate\":\"" + today().plusDays(40) + "\"}", "{\"text\":\"x\"}",
                "{\"text\":\"x\",\"effectiveDate\":\"next month\"}", "{\"text\": ", "\"text\""}) {
            HttpResponse<String> response = call("POST", "/api/operator/policies", operator(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains("invalid-field");
        }
        TestTenant tenant = newTenant();
        String valid = "{\"text\":\"x\",\"effectiveDate\":\"" + today().plusDays(40) + "\"}";
        assertThat(call("POST", "/api/operator/policies", adminToken(tenant), valid).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/operator/policies", null, valid).statusCode()).isEqualTo(401);
    }

    private boolean sent(long policy, TestTenant tenant) {
        return jdbc.sql("select count(*) from notice_mail where policy_id = :p and org_id = :org and status = 'sent' and sent_at is not null")
                .param("p", policy).param("org", tenant.orgId()).query(Long.class).single() == 1;
    }

    private HttpResponse<String> publish(String text, LocalDate effective) throws Exception {
        return call("POST", "/api/operator/policies", operator(),
                JSON.writeValueAsString(Map.of("text", text, "effectiveDate", effective.toString())));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String adminMail(TestTenant tenant) {
        return "admins@" + tenant.orgId() + ".test";
    }

    private String operator() {
        return identityProvider.sign(Map.of("sub", OPERATOR, "email", "ops@callintel.test"), Duration.ofMinutes(5));
    }
}
