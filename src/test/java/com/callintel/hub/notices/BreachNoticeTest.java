package com.callintel.hub.notices;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Breach notification within 72 hours: the four parts reach the admins of every affected organization and of no
 * other, each delivery is recorded, and the operators are reminded at 24 h and 48 h while one is still untold.
 */
class BreachNoticeTest extends HubIntegrationTest {

    /** The development issuer's operator demo user (sandbox.yaml). */
    private static final String OPERATOR = "user_demo_operator";
    /** Where the operators' reminders go in tests (callintel.notices.operators-mail: the support inbox). */
    private static final String OPERATORS_MAIL = "support@callintel.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private IncidentReminders reminders;
    @Autowired
    private org.apache.camel.CamelContext camel;

    @Test
    void breachIsMailedWithAllFourPartsToEveryAdminOfTheAffectedOrganizationsOnly() throws Exception {
        TestTenant a = tenantMailedAt();
        TestTenant b = tenantMailedAt();   // no admin has signed in yet: its alert address stands for them
        TestTenant untouched = tenantMailedAt();
        Map<String, TestTenant> recipients = Map.of(signInAdmin(a, "pat"), a, signInAdmin(a, "sam"), a, adminMail(a), a,
                adminMail(b), b);
        String untouchedAdmin = signInAdmin(untouched, "lee");
        Instant discovered = clock.instant().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> recorded = record(discovered, List.of(a.orgId(), b.orgId()));

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        long id = JSON.readTree(recorded.body()).path("id").asLong();
        recipients.forEach((recipient, affected) -> {
            String text = Mails.awaitOne(mailbox, recipient, "a personal-data breach affecting");
            assertThat(text).contains(affected.orgId().toString()).contains("What happened").contains("A backup bucket was readable without sign-in")
                    .contains("Data involved").contains("Caller phone numbers of 12 calls")
                    .contains("Mitigation taken").contains("The bucket was closed and its access keys rotated")
                    .contains("Recommended actions").contains("Tell the callers concerned")
                    .contains(discovered.toString()).contains("incident #" + id);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> toldAt(incident(id), a) != null && toldAt(incident(id), b) != null);
        for (String address : List.of(adminMail(untouched), untouchedAdmin)) {
            assertThat(Mails.to(mailbox, address, "breach")).as("an organization the breach did not touch").isEmpty();
        }

        JsonNode incident = incident(id);
        assertThat(Instant.parse(incident.path("deadline").asText())).isEqualTo(discovered.plus(Duration.ofHours(72)));
        assertThat(incident.path("organizations")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> incident(id).path("deliveries").findValuesAsText("status")
                .stream().allMatch("sent"::equals));
        JsonNode deliveries = incident(id).path("deliveries");
        assertThat(deliveries).as("one delivery per address").hasSize(4).allSatisfy(delivery -> {
            assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.path("sentAt").isNull()).isFalse();
        });
        assertThat(deliveries.findValuesAsText("recipient")).containsExactlyInAnyOrderElementsOf(recipients.keySet());
        for (TestTenant affected : List.of(a, b)) {
            assertThat(audited(affected, "POST /api/operator/incidents")).isEqualTo(1);
            assertThat(audited(affected, "GET /api/operator/incidents/{id}")).isPositive();
        }
        assertThat(audited(untouched, "POST /api/operator/incidents")).isZero();
        assertThat(call("GET", "/api/admin/export", adminToken(a), null).body()).as("the notice is the organization's data")
                .contains("\"noticeMails\"").contains("Caller phone numbers of 12 calls");
        assertThat(call("GET", "/api/admin/export", adminToken(untouched), null).body()).contains("\"noticeMails\"")
                .doesNotContain("Caller phone numbers of 12 calls");
        assertThat(JSON.readTree(call("GET", "/api/operator/incidents", operatorToken(), null).body()).findValuesAsText("id"))
                .contains(String.valueOf(id));
    }

    @Test
    void operatorsAreRemindedAt24And48HoursWhileAnAffectedOrganizationIsUntold() throws Exception {
        TestTenant told = tenantMailedAt();
        TestTenant withoutAddress = newTenant();   // no admin signed in, no alert address: nobody can be mailed
        Instant discovered = clock.instant().minus(Duration.ofHours(1));
        long open = JSON.readTree(record(discovered, List.of(told.orgId(), withoutAddress.orgId())).body()).path("id").asLong();
        long done = JSON.readTree(record(discovered, List.of(told.orgId())).body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> toldAt(incident(done), told) != null);
        JsonNode delivery = incident(open).path("deliveries").findParents("orgId").stream()
                .filter(d -> d.path("orgId").asText().equals(withoutAddress.orgId().toString())).findFirst().orElseThrow();
        assertThat(delivery.path("status").asText()).isEqualTo("no-address");

        assertThat(camel.getRoute("incident-reminders").getEndpoint().getEndpointUri())
                .as("the check runs in the clustered Quartz scheduler").startsWith("quartz://notices/incident-reminders");
        reminders.remind();
        assertThat(remindersOf(open)).as("1 hour after discovery").isEmpty();

        String operator = operatorToken(Duration.ofHours(72));   // still valid on the moved clock
        clock.advance(Duration.ofHours(23));   // 24 h after discovery
        reminders.remind();
        reminders.remind();
        assertThat(remindersOf(open)).containsExactly(24);
        String first = Mails.awaitOne(mailbox, OPERATORS_MAIL, "breach #" + open + " not yet told to 1 organization(s) after 24 h");
        assertThat(first).contains(withoutAddress.orgId().toString()).doesNotContain(told.orgId().toString());
        assertThat(remindersOf(done)).as("a breach told everywhere").isEmpty();

        clock.advance(Duration.ofHours(24));   // 48 h after discovery
        reminders.remind();
        assertThat(remindersOf(open)).containsExactly(24, 48);
        Mails.awaitOne(mailbox, OPERATORS_MAIL, "breach #" + open + " not yet told to 1 organization(s) after 48 h");
        assertThat(Mails.to(mailbox, OPERATORS_MAIL, "breach #" + done + " ")).isEmpty();
        JsonNode reminded = JSON.readTree(call("GET", "/api/operator/incidents/" + open, operator, null).body());
        assertThat(reminded.path("reminders").findValuesAsText("afterHours")).containsExactly("24", "48");
    }

    @Test
    void aNoticeTheMailServerRefusesForNowIsRetriedAndEachTryIsRecorded() throws Exception {
        TestTenant tenant = tenantMailedAt();
        var users = mailbox.getUserManager();
        var delivery = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, to) -> {   // the server now answers every mail with 451
            throw new jakarta.mail.MessagingException("mailbox unavailable");
        });
        long id;
        try {
            HttpResponse<String> recorded = record(clock.instant().minus(Duration.ofHours(1)), List.of(tenant.orgId()));
            assertThat(recorded.statusCode()).as("the breach is recorded whatever the mail server does").isEqualTo(201);
            id = JSON.readTree(recorded.body()).path("id").asLong();
            await().atMost(Duration.ofSeconds(15)).until(() -> "retrying".equals(onlyDelivery(id).path("status").asText()));
            JsonNode retrying = onlyDelivery(id);
            assertThat(retrying.path("attempts").asInt()).isEqualTo(1);
            assertThat(retrying.path("lastError").asText()).isNotBlank();
            assertThat(retrying.path("sentAt").isNull()).isTrue();
            assertThat(toldAt(incident(id), tenant)).as("not told while the mail waits").isNull();
        } finally {
            users.setMessageDeliveryHandler(delivery);
        }

        clock.advance(Duration.ofMinutes(1));   // past the first retry delay (callintel.notices.mail-first-retry)

        Mails.awaitOne(mailbox, adminMail(tenant), "a personal-data breach affecting");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(onlyDelivery(id).path("status").asText()));
        assertThat(onlyDelivery(id).path("attempts").asInt()).isEqualTo(2);
        assertThat(toldAt(incident(id), tenant)).isNotNull();
    }

    @Test
    void aBreachThatCannotBeRecordedIsRefusedWithAProblemAndNothingIsMailed() {
        TestTenant a = tenantMailedAt();
        String operator = operatorToken();
        String valid = body(clock.instant().minus(Duration.ofHours(1)), List.of(a.orgId()));
        List<String> refused = List.of(
                valid.replace("\"mitigation\"", "\"unknownPart\""),
                valid.replace(a.orgId().toString(), UUID.randomUUID().toString()),
                valid.replace("\"organizations\":[\"" + a.orgId() + "\"]", "\"organizations\":[]"),
                body(clock.instant().plus(Duration.ofHours(2)), List.of(a.orgId())),
                valid.replaceFirst("\"discoveredAt\":\"[^\"]+\"", "\"discoveredAt\":\"yesterday\""),
                "{\"discoveredAt\": ",
                "[]");
        for (String body : refused) {
            HttpResponse<String> response = call("POST", "/api/operator/incidents", operator, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(call("POST", "/api/operator/incidents", adminToken(a), valid).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/operator/incidents", null, valid).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/operator/incidents/999999999", operator, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/operator/incidents/not-a-number", operator, null).statusCode())
                .as("a malformed id answers as an unknown one, as every API's ids do").isEqualTo(404);
        HttpResponse<String> page = get("/operator/notices/");
        assertThat(page.statusCode()).as("the operators' page needs a signed-in operator").isIn(302, 401);
        assertThat(page.body()).doesNotContain("Record a breach");
        assertThat(jdbc.sql("select count(*) from incident_organization where org_id = :org").param("org", a.orgId())
                .query(Long.class).single()).isZero();
    }

    /** An organization with an alert address (docs/operations.md, "Who is mailed"). */
    private TestTenant tenantMailedAt() {
        TestTenant tenant = newTenant();
        tenants.setAlertEmail(tenant.orgId(), adminMail(tenant));
        return tenant;
    }

    private static String adminMail(TestTenant tenant) {
        return "admins@" + tenant.orgId() + ".test";
    }

    private HttpResponse<String> record(Instant discovered, List<UUID> organizations) {
        return call("POST", "/api/operator/incidents", operatorToken(), body(discovered, organizations));
    }

    private static String body(Instant discovered, List<UUID> organizations) {
        try {
            return JSON.writeValueAsString(Map.of("discoveredAt", discovered.toString(),
                    "whatHappened", "A backup bucket was readable without sign-in",
                    "dataInvolved", "Caller phone numbers of 12 calls",
                    "mitigation", "The bucket was closed and its access keys rotated",
                    "recommendedActions", "Tell the callers concerned",
                    "organizations", organizations));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode incident(long id) throws Exception {
        HttpResponse<String> response = call("GET", "/api/operator/incidents/" + id, operatorToken(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode onlyDelivery(long incident) throws Exception {
        JsonNode deliveries = incident(incident).path("deliveries");
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private static String toldAt(JsonNode incident, TestTenant tenant) {
        for (JsonNode organization : incident.path("organizations")) {
            if (organization.path("orgId").asText().equals(tenant.orgId().toString()) && !organization.path("toldAt").isNull()) {
                return organization.path("toldAt").asText();
            }
        }
        return null;
    }

    private List<Integer> remindersOf(long incident) {
        return jdbc.sql("select after_hours from incident_reminder where incident_id = :id order by after_hours")
                .param("id", incident).query(Integer.class).list();
    }

    private long audited(TestTenant tenant, String action) {
        return jdbc.sql("select count(*) from audit_log where org_id = :org and user_id = :operator and action = :action")
                .param("org", tenant.orgId()).param("operator", OPERATOR).param("action", action).query(Long.class).single();
    }

    private String operatorToken() {
        return operatorToken(Duration.ofMinutes(5));
    }

    private String operatorToken(Duration lifetime) {
        return identityProvider.sign(Map.of("sub", OPERATOR, "email", "ops@callintel.test"), lifetime);
    }
}
