package com.callintel.hub.helpdesk;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Support tickets: any member opens one and the support inbox and the member hear of it by mail; an admin sees the
 * organization's tickets, an agent their own; the platform's operators see every organization's tickets and change
 * their status (the reporter is mailed), and nobody else reaches the operators' API. A mail server that is down
 * loses no ticket and no mail.
 */
class SupportTicketsTest extends HubIntegrationTest {

    /** The development issuer's operator demo user (sandbox.yaml): an operator while that issuer runs. */
    private static final String OPERATOR = "user_demo_operator";
    private static final String INBOX = "support@callintel.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void memberOpensTicketAndSupportInboxAndMemberAreMailed() throws Exception {
        TestTenant tenant = newTenant();
        String agent = member(tenant, "dana", "org:member");

        HttpResponse<String> created = open(agent, "connector", "Dialpad webhooks refused",
                "Since this morning Dialpad says 401.\nWhat changed?");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ticket = JSON.readTree(created.body());
        long id = ticket.path("id").asLong();
        assertThat(ticket.path("status").asText()).isEqualTo("open");
        assertThat(ticket.path("category").asText()).isEqualTo("connector");
        assertThat(ticket.path("reporter").path("userId").asText()).isEqualTo("user_dana_" + tenant.orgId());
        assertThat(jdbc.sql("select count(*) from support_ticket where org_id = :org and id = :id")
                .param("org", tenant.orgId()).param("id", id).query(Long.class).single()).isEqualTo(1);

        String reporter = "dana@" + tenant.orgId() + ".test";
        MimeMessage toSupport = awaitMail(mailbox, INBOX, "#" + id + "]");
        assertThat(toSupport.getSubject()).isEqualTo("[CallIntel support #" + id + "] connector: Dialpad webhooks refused");
        assertThat(addresses(toSupport.getReplyTo())).containsExactly(reporter);
        assertThat(text(toSupport)).contains("Since this morning Dialpad says 401.").contains(tenant.orgId().toString())
                .contains(reporter).contains("Phone provider or AMS connector");

        MimeMessage confirmation = awaitMail(mailbox, reporter, "we received your ticket #" + id);
        assertThat(addresses(confirmation.getReplyTo())).containsExactly(INBOX);
        assertThat(text(confirmation)).contains("Dialpad webhooks refused").contains("What changed?");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from support_mail where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from audit_log where org_id = :org and action = 'POST /api/support/tickets' and status = 201")
                .param("org", tenant.orgId()).query(Long.class).single() == 1);
    }

    @Test
    void invalidTicketsAreRefusedNamingTheField() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        Map<String, String> cases = Map.of(
                "{\"subject\":\"s\",\"text\":\"t\"}", "'category'",
                "{\"category\":\"sales\",\"subject\":\"s\",\"text\":\"t\"}", "'category' must be one of",
                "{\"category\":\"question\",\"subject\":\"  \",\"text\":\"t\"}", "'subject'",
                "{\"category\":\"question\",\"subject\":\"" + "s".repeat(201) + "\",\"text\":\"t\"}", "'subject' must be at most 200",
                "{\"category\":\"question\",\"subject\":\"one\\r\\nBcc: x@y.test\",\"text\":\"t\"}", "'subject' must be one line",
                "{\"category\":\"question\",\"subject\":\"s\"}", "'text'",
                "{\"category\":\"question\",\"subject\":\"s\",\"text\":\"" + "t".repeat(10_001) + "\"}", "'text' must be at most 10000",
                "{\"category\":\"question\",\"subject\":\"s\",\"text\":7}", "'text'",
                "not json", "'body'");
        cases.forEach((body, field) -> {
            HttpResponse<String> response = call("POST", "/api/support/tickets", admin, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).as(body).contains("invalid-field").contains(field);
        });
        assertThat(ticketsOf(tenant)).isZero();

        assertThat(open(admin, "question", "s".repeat(200), "t".repeat(10_000)).statusCode()).as("the limits themselves")
                .isEqualTo(201);
        assertThat(call("POST", "/api/support/tickets", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void memberOpeningMoreTicketsThanAnHourAllowsIsAskedToWait() {
        TestTenant tenant = newTenant();
        String agent = agentToken(tenant);
        for (int i = 0; i < 10; i++) {   // callintel.support.tickets-per-hour
            assertThat(open(agent, "question", "Question " + i, "Text " + i).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = open(agent, "question", "One more", "Text");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("too-many-tickets");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(open(adminToken(tenant), "question", "Another member", "Text").statusCode())
                .as("the limit is the member's").isEqualTo(201);
        assertThat(ticketsOf(tenant)).isEqualTo(11);
    }

    @Test
    void adminSeesTheOrganizationsTicketsAndAgentOnlyTheirOwn() throws Exception {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        String dana = agentToken(tenant);
        String lee = member(tenant, "lee", "org:member");
        long danas = id(open(dana, "question", "Dana's question", "How do I map my extension?"));
        long lees = id(open(lee, "problem", "Lee's problem", "No screen pop"));
        long admins = id(open(admin, "billing", "Invoice", "Please send the invoice again"));

        assertThat(ids(call("GET", "/api/support/tickets", admin, null))).containsExactly(admins, lees, danas);
        assertThat(ids(call("GET", "/api/support/tickets", dana, null))).containsExactly(danas);
        assertThat(call("GET", "/api/support/tickets/" + lees, dana, null).statusCode()).as("another member's ticket")
                .isEqualTo(404);
        assertThat(call("GET", "/api/support/tickets/" + lees, admin, null).body()).contains("No screen pop");
        assertThat(call("GET", "/api/support/tickets/" + danas, dana, null).body()).contains("How do I map my extension?");
        assertThat(call("GET", "/api/support/tickets/not-a-number", dana, null).statusCode()).isEqualTo(404);
    }

    @Test
    void operatorSeesEveryOrganizationsTicketsAndChangesTheirStatusMailingTheReporter() throws Exception {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String agentOfA = member(a, "sam", "org:member");
        long ofA = id(open(agentOfA, "problem", "Notes missing", "No AMS notes since Monday"));
        long ofB = id(open(adminToken(b), "privacy", "Export question", "What does the export hold?"));
        String operator = operatorToken();

        HttpResponse<String> open = call("GET", "/api/operator/tickets?status=open", operator, null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        assertThat(ids(open)).contains(ofA, ofB);
        assertThat(open.body()).contains(a.orgId().toString()).contains(b.orgId().toString())
                .as("the list holds no ticket text").doesNotContain("No AMS notes since Monday");

        HttpResponse<String> changed = call("PATCH", "/api/operator/tickets/" + ofA, operator,
                "{\"status\":\"in-progress\",\"reply\":\"We are looking at your AMS connection now.\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("status").asText()).isEqualTo("in-progress");
        assertThat(ids(call("GET", "/api/operator/tickets?status=in-progress", operator, null))).contains(ofA).doesNotContain(ofB);

        MimeMessage mail = awaitMail(mailbox, "sam@" + a.orgId() + ".test", "ticket #" + ofA + " is in progress");
        assertThat(text(mail)).contains("from open to in progress").contains("We are looking at your AMS connection now.");
        assertThat(addresses(mail.getReplyTo())).containsExactly(INBOX);

        JsonNode seen = JSON.readTree(call("GET", "/api/support/tickets/" + ofA, agentOfA, null).body());
        assertThat(seen.path("status").asText()).isEqualTo("in-progress");
        assertThat(seen.path("changes").get(0).path("reply").asText()).isEqualTo("We are looking at your AMS connection now.");
        assertThat(seen.path("changes").get(0).path("by").asText()).isEqualTo("CallIntel support");
        assertThat(jdbc.sql("""
                select count(*) from audit_log where org_id = :org and user_id = :operator and role = 'operator'
                and action = 'PATCH /api/operator/tickets/{id}'
                """).param("org", a.orgId()).param("operator", OPERATOR).query(Long.class).single())
                .as("the agency's audit log shows what support did").isEqualTo(1);

        assertThat(call("PATCH", "/api/operator/tickets/" + ofA, operator, "{\"status\":\"done\"}").body())
                .contains("invalid-field").contains("'status' must be one of");
        assertThat(call("PATCH", "/api/operator/tickets/" + ofA, operator, "{}").statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/api/operator/tickets/" + ofA, operator, "{\"status\":\"closed\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> again = call("PATCH", "/api/operator/tickets/" + ofA, operator, "{\"status\":\"open\"}");
        assertThat(again.statusCode()).as("a closed ticket is final").isEqualTo(409);
        assertThat(again.body()).contains("ticket-closed");
        assertThat(call("PATCH", "/api/operator/tickets/999999999", operator, "{\"status\":\"open\"}").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/operator/tickets/" + ofB, operator, null).body()).contains("What does the export hold?");
    }

    @Test
    void nobodyButAnOperatorReachesTheOperatorApiAndOperatorsSeeNothingElseOfAnOrganization() {
        TestTenant tenant = newTenant();
        long ticket = id(open(agentToken(tenant), "question", "Hello", "Is anybody there?"));
        for (String token : List.of(adminToken(tenant), agentToken(tenant))) {
            for (String[] request : List.of(new String[] {"GET", "/api/operator/tickets", null},
                    new String[] {"GET", "/api/operator/tickets/" + ticket, null},
                    new String[] {"PATCH", "/api/operator/tickets/" + ticket, "{\"status\":\"resolved\"}"})) {
                HttpResponse<String> response = call(request[0], request[1], token, request[2]);
                assertThat(response.statusCode()).as(request[1]).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.body()).contains("not-an-operator").doesNotContain("Is anybody there?");
            }
        }
        assertThat(call("GET", "/api/operator/tickets", null, null).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select status from support_ticket where id = :id").param("id", ticket).query(String.class)
                .single()).isEqualTo("open");

        // an operator is no member of the organization: its calls, settings and tickets stay closed
        String operator = operatorToken();
        for (String path : List.of("/api/calls", "/api/admin/organization", "/api/admin/export", "/api/support/tickets")) {
            assertThat(call("GET", path, operator, null).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void mailServerDownLosesNoTicketAndTheMailFollowsLater() throws Exception {
        TestTenant tenant = newTenant();
        var users = mailbox.getUserManager();
        var delivery = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, to) -> {   // the server now answers every mail with 451
            throw new MessagingException("mailbox unavailable");
        });
        long id;
        try {
            HttpResponse<String> created = open(member(tenant, "owner", "org:admin"), "problem", "Mail server test", "Kept while mail fails");
            assertThat(created.statusCode()).as("the ticket does not wait for the mail").isEqualTo(201);
            id = id(created);
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                    "select count(*) from support_mail where org_id = :org and attempts >= 1 and last_error is not null")
                    .param("org", tenant.orgId()).query(Long.class).single() == 2);
            assertThat(ticketsOf(tenant)).isEqualTo(1);
            assertThat(mailsWith(mailbox, "#" + id + "]")).isEmpty();
        } finally {
            users.setMessageDeliveryHandler(delivery);
        }

        clock.advance(Duration.ofMinutes(1));   // past the first retry delay (callintel.support.mail-first-retry)

        assertThat(text(awaitMail(mailbox, INBOX, "#" + id + "]"))).contains("Kept while mail fails");
        awaitMail(mailbox, "owner@" + tenant.orgId() + ".test", "we received your ticket #" + id);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from support_mail where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single() == 0);
    }

    private HttpResponse<String> open(String token, String category, String subject, String text) {
        try {
            return call("POST", "/api/support/tickets", token, JSON.writeValueAsString(
                    Map.of("category", category, "subject", subject, "text", text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member with a plain mail address (name@org.test), which the tests' default tokens lack. */
    private String member(TestTenant tenant, String name, String role) {
        return identityProvider.sign(Map.of("sub", "user_" + name + "_" + tenant.orgId(), "org_id", tenant.orgId().toString(),
                "org_role", role, "email", name + "@" + tenant.orgId() + ".test"), Duration.ofMinutes(5));
    }

    private String operatorToken() {
        return identityProvider.sign(Map.of("sub", OPERATOR, "email", "ops@callintel.test"), Duration.ofMinutes(5));
    }

    private long ticketsOf(TestTenant tenant) {
        return jdbc.sql("select count(*) from support_ticket where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single();
    }

    private static long id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            return JSON.readTree(created.body()).path("id").asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(HttpResponse<String> list) throws Exception {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<Long> ids = new java.util.ArrayList<>();
        JSON.readTree(list.body()).forEach(t -> ids.add(t.path("id").asLong()));
        return ids;
    }

    /** Waits for the one mail in {@code mailbox} to {@code recipient} whose subject contains {@code subjectPart}. */
    static MimeMessage awaitMail(GreenMail mailbox, String recipient, String subjectPart) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsWith(mailbox, subjectPart).stream().anyMatch(m -> to(m, recipient)));
        List<MimeMessage> found = mailsWith(mailbox, subjectPart).stream().filter(m -> to(m, recipient)).toList();
        assertThat(found).as("mails to %s about '%s'", recipient, subjectPart).hasSize(1);
        return found.get(0);
    }

    private static List<MimeMessage> mailsWith(GreenMail mailbox, String subjectPart) {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static boolean to(MimeMessage mail, String recipient) {
        try {
            return addresses(mail.getAllRecipients()).contains(recipient);
        } catch (MessagingException e) {
            return false;
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    static String text(MimeMessage mail) throws Exception {
        return mail.getContent().toString();
    }
}
