package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.callintel.hub.sandbox.ams.FixtureShapes.fixture;
import static com.callintel.hub.sandbox.ams.FixtureShapes.isOrderedSubset;
import static com.callintel.hub.sandbox.ams.FixtureShapes.xmlShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AMS360 WSAPI v3 over real HTTP, driven by the shared fixture requests and compared with the fixture answers. */
class Ams360SimulatorTest {

    private static final Pattern TICKET = Pattern.compile("<Ticket>([^<]*)</Ticket>");
    private static final String MARCUS_ID = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-03-04T20:00:00Z"));
    private Ams360Simulator ams = start(Ams360Simulator.builder());

    @AfterEach
    void stop() {
        ams.close();
    }

    private Ams360Simulator start(Ams360Simulator.Builder builder) {
        Ams360Simulator simulator = builder.clock(clock).ticketLifetime(Duration.ofMinutes(20)).build();
        simulator.start();
        return simulator;
    }

    @Test
    void loginWithTheFixtureUserReturnsTheTicketInTheSessionHeader() throws Exception {
        HttpResponse<String> response = call("Login", fixture("ams360/login-request.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/login-response.xml")));
        assertThat(ticketOf(response)).hasSize(128);
    }

    @Test
    void wrongPasswordIsTheSecurityFaultSeenLive() throws Exception {
        HttpResponse<String> response = call("Login",
                fixture("ams360/login-request.xml").replace("Fake-Passw0rd", "Wrong-Passw0rd"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/login-error-security-fault.xml")));
        assertThat(response.body()).contains("<faultstring xml:lang=\"en-US\">WSAPISecurityFault</faultstring>",
                "<Message>Login failure - contact your administrator</Message>");
    }

    @Test
    void fixtureLookupFindsDanaRiveraByTenDigits() throws Exception {
        HttpResponse<String> response = call("SearchByPhoneNumber", withTicket("ams360/lookup-by-phone-request.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/lookup-by-phone-response.xml")));
        assertThat(response.body()).contains("<a:EntityId>" + AmsSandboxData.DANA_RIVERA_ID + "</a:EntityId>",
                "<a:EntityType>Customer</a:EntityType>", "<a:Description>Rivera, Dana (#10452)</a:Description>",
                "<a:SearchResultText>Cell: (555) 014-2398</a:SearchResultText>");
    }

    @Test
    void demoCallersAreFoundWhateverFormatTheAgencyTypedTheirNumberIn() throws Exception {
        assertThat(entityIds(search("5555550123"))).as("(555) 555-0123 and 5555550123 on one client")
                .containsExactly(MARCUS_ID);
        assertThat(search("5555550188")).contains("Nandakumar, Priya (#10454)", "Business: (555) 555-0188");
        assertThat(search("5555550142")).contains("Ortiz, Helen (#10455)", "Home: (555) 555-0142");
    }

    @Test
    void twoClientsSharingANumberAreBothReported() throws Exception {
        assertThat(entityIds(search("5555550177"))).hasSize(2);
    }

    @Test
    void e164QueryFindsNobodyUnderTheStrictTenDigitReading() throws Exception {
        String body = search("+15555550123");

        assertThat(xmlShape(body)).isEqualTo(xmlShape(fixture("ams360/lookup-by-phone-response-empty.xml")));
    }

    @Test
    void phoneFormatReadingIsConfigurable() throws Exception {
        ams.close();
        ams = start(Ams360Simulator.builder().phoneFormat(Ams360PhoneFormat.ANY_FORMAT));
        assertThat(entityIds(search("+1 (555) 555-0123"))).containsExactly(MARCUS_ID);

        ams.close();
        ams = start(Ams360Simulator.builder().phoneFormat(Ams360PhoneFormat.TEN_DIGITS_OR_FAULT));
        HttpResponse<String> fault = call("SearchByPhoneNumber", searchRequest(login(), "+15555550123"));
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.body()).contains("WSAPIBusinessFault", "<DataName>PhoneNumber</DataName>");
    }

    @Test
    void customerComesBackWithTheFixtureElementsInXsdOrder() throws Exception {
        HttpResponse<String> response = call("CustomerGetById", withTicket("ams360/get-customer-request.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> expected = xmlShape(fixture("ams360/get-customer-response.xml"));
        assertThat(isOrderedSubset(expected, xmlShape(response.body()))).as(response.body()).isTrue();
        assertThat(response.body()).contains("<a:CellAreaCode>555</a:CellAreaCode>", "<a:CellPhone>0142398</a:CellPhone>",
                "<a:HomePhone>0187765</a:HomePhone>", "<a:CellExtension i:nil=\"true\"/>", "<a:CustomerNumber>10452</a:CustomerNumber>");
    }

    @Test
    void activityInsertReturnsAnActivityIdAndCreatesExactlyOneActivity() throws Exception {
        HttpResponse<String> response = call("CustomerActivityInsert", withTicket("ams360/create-activity-request.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/create-activity-response.xml")));
        assertThat(ams.created()).singleElement().satisfies(record -> {
            assertThat(record.kind()).isEqualTo(CreatedRecord.Kind.ACTIVITY);
            assertThat(record.clientId()).isEqualTo(AmsSandboxData.DANA_RIVERA_ID);
            assertThat(record.text()).startsWith("Inbound call 4m12s");
            assertThat(response.body()).contains("<a:ActivityId>" + record.id() + "</a:ActivityId>");
        });
    }

    @Test
    void noteInsertReturnsANoteIdAndCreatesExactlyOneNote() throws Exception {
        HttpResponse<String> response = call("CustomerNoteInsert", withTicket("ams360/create-note-request.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/create-note-response.xml")));
        assertThat(ams.created()).singleElement().satisfies(record -> {
            assertThat(record.kind()).isEqualTo(CreatedRecord.Kind.NOTE);
            assertThat(record.text()).contains("Transcript: https://hub.example.test/calls/8f0c2d9e");
        });
    }

    @Test
    void unknownActivityActionIsTheFixtureBusinessFaultAndCreatesNothing() throws Exception {
        HttpResponse<String> response = call("CustomerActivityInsert", withTicket("ams360/create-activity-request.xml")
                .replace("<a:ActivityAction>Phone Call</a:ActivityAction>", "<a:ActivityAction>Lunch</a:ActivityAction>"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/error-business-fault.xml")));
        assertThat(response.body()).contains("<DataName>ActivityAction</DataName>");
        assertThat(ams.created()).isEmpty();
    }

    @Test
    void memberOutOfXsdOrderIsSkippedAsWcfSkipsIt() throws Exception {
        String request = withTicket("ams360/create-activity-request.xml");
        String customerId = "<a:CustomerId>" + AmsSandboxData.DANA_RIVERA_ID + "</a:CustomerId>";
        String reordered = request.replace(customerId, "").replace("<a:EmployeeCode>", customerId + "<a:EmployeeCode>");

        HttpResponse<String> response = call("CustomerActivityInsert", reordered);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("WSAPIBusinessFault", "<DataName>CustomerId</DataName>");
    }

    @Test
    void unknownTicketIsTheFixtureTicketExpiredFault() throws Exception {
        HttpResponse<String> response = call("SearchByPhoneNumber", fixture("ams360/lookup-by-phone-request.xml"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(xmlShape(response.body())).isEqualTo(xmlShape(fixture("ams360/error-ticket-expired.xml")));
        assertThat(response.body()).contains("Invalid or expired ticket - please login again");
    }

    @Test
    void ticketLapsesAfterItsConfiguredLifetimeAndWhenAllAreExpired() throws Exception {
        String ticket = login();
        clock.advance(Duration.ofMinutes(19));
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).body()).contains("WSAPISecurityFault");

        String fresh = login();
        ams.expireAllTokens();
        assertThat(call("SearchByPhoneNumber", searchRequest(fresh, "5555550123")).body()).contains("WSAPISecurityFault");
    }

    @Test
    void wcfRefusesWhatTheContractDoesNotCarry() throws Exception {
        String ticketed = searchRequest(login(), "5555550123");
        assertThat(call("PolicyGetById", ticketed).body()).contains("a:ActionNotSupported", "ContractFilter mismatch");
        HttpResponse<String> portalNamespace = call("SearchByPhoneNumber",
                ticketed.replace("http://www.WSAPI.AMS360.com/v3.0\">", "https://wsapi.ams360.com/v3.0\">"));
        assertThat(portalNamespace.body()).contains("a:DeserializationFailed", "https://wsapi.ams360.com/v3.0");
        HttpRequest soap12 = HttpRequest.newBuilder(URI.create(ams.serviceUrl()))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(ticketed)).build();
        assertThat(HttpFixture.CLIENT.send(soap12, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    }

    @Test
    void injectedFaultsFailThenRecover() throws Exception {
        String ticket = login();
        ams.faults().failNext(2);
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode()).isEqualTo(503);
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode()).isEqualTo(503);
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode()).isEqualTo(200);

        ams.faults().failNext(1, 500);
        HttpResponse<String> general = call("SearchByPhoneNumber", searchRequest(ticket, "5555550123"));
        assertThat(general.statusCode()).isEqualTo(500);
        assertThat(general.body()).contains("WSAPIGeneralFault");

        ams.faults().throttleNext(1, Duration.ofSeconds(7));
        HttpResponse<String> throttled = call("SearchByPhoneNumber", searchRequest(ticket, "5555550123"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void seededRandomFailuresAreRepeatableAndNearTheShareAsked() throws Exception {
        String ticket = login();
        List<Integer> first = statuses(ticket, 40, 25L);
        List<Integer> second = statuses(ticket, 40, 25L);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(s -> s == 503).count()).isBetween(3L, 20L);
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        String ticket = login();
        ams.faults().latency(Duration.ofMillis(300));
        long started = System.nanoTime();
        call("SearchByPhoneNumber", searchRequest(ticket, "5555550123"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void downRefusesConnectionsAndUpServesAgainOnTheSamePort() throws Exception {
        String ticket = login();
        String before = ams.baseUrl();
        ams.goDown();
        assertThatThrownBy(() -> call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")))
                .isInstanceOf(ConnectException.class);

        ams.comeUp();
        assertThat(ams.baseUrl()).isEqualTo(before);
        assertThat(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsWhatTheHubSentWithSecretsMasked() throws Exception {
        login();
        ReceivedRequest login = ams.received().get(0);

        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.path()).isEqualTo("/v3/WSAPIService.svc");
        assertThat(login.header("SOAPAction")).isEqualTo("\"" + Ams360Simulator.ACTION_PREFIX + "Login\"");
        assertThat(login.body()).contains("<a:LoginId>callintel-test</a:LoginId>", "<a:Password>***</a:Password>")
                .doesNotContain("Fake-Passw0rd");
    }

    private List<Integer> statuses(String ticket, int calls, long seed) throws Exception {
        ams.faults().failRandomly(25, seed);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(call("SearchByPhoneNumber", searchRequest(ticket, "5555550123")).statusCode());
        }
        ams.faults().clear();
        return statuses;
    }

    private String login() throws Exception {
        return ticketOf(call("Login", fixture("ams360/login-request.xml")));
    }

    private String withTicket(String fixture) throws Exception {
        String ticket = login();
        return TICKET.matcher(fixture(fixture)).replaceFirst("<Ticket>" + Matcher.quoteReplacement(ticket) + "</Ticket>");
    }

    private String searchRequest(String ticket, String phone) {
        return TICKET.matcher(fixture("ams360/lookup-by-phone-request.xml")
                .replace("<a:PhoneNumber>5550142398</a:PhoneNumber>", "<a:PhoneNumber>" + phone + "</a:PhoneNumber>"))
                .replaceFirst("<Ticket>" + Matcher.quoteReplacement(ticket) + "</Ticket>");
    }

    private String search(String phone) throws Exception {
        HttpResponse<String> response = call("SearchByPhoneNumber", searchRequest(login(), phone));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> entityIds(String searchResponse) {
        return Pattern.compile("<a:EntityId>([^<]+)</a:EntityId>").matcher(searchResponse).results()
                .map(m -> m.group(1)).toList();
    }

    private static String ticketOf(HttpResponse<String> loginResponse) {
        Matcher m = TICKET.matcher(loginResponse.body());
        assertThat(m.find()).as(loginResponse.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> call(String operation, String envelope) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ams.serviceUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + Ams360Simulator.ACTION_PREFIX + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
        return HttpFixture.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
