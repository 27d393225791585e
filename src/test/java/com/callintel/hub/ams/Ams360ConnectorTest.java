package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.callintel.hub.sandbox.ams.AmsSimulator;
import com.callintel.hub.sandbox.ams.Ams360Simulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.sandbox.ams.SimulatedClient;
import com.callintel.hub.support.AmsConnectorContract;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AMS360 (WSAPI v3, SOAP) keeps the AMS connector contract (an ended call is one customer activity plus a customer
 * note; later content one more note, never a second activity) and, beyond it: a refused ticket means one new Login; a
 * business fault is dead-lettered with AMS360's reasons; an AMS that is down is retried until the note lands exactly
 * once; the base URL may be given in every form integrators use.
 */
@ExtendWith(OutputCaptureExtension.class)
class Ams360ConnectorTest extends HubIntegrationTest implements AmsConnectorContract {

    /** The WSAPI user of the simulator (Ams360Credentials.sandboxDefault(), shared/fixtures/ams/ams360). */
    private static final String CREDENTIALS =
            "{\"agencyNo\":\"9990001-1\",\"loginId\":\"callintel-test\",\"password\":\"Fake-Passw0rd\",\"employeeCode\":null}";
    private static final Pattern PHONE_NUMBER = Pattern.compile("<a:PhoneNumber>(\\d*)</a:PhoneNumber>");

    @Autowired
    Ams360Simulator ams360;

    @Override
    public AmsSimulator ams() {
        return ams360;
    }

    @Override
    public void connect(TestTenant tenant) {
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", null);
    }

    /** An ActivityAction the agency's AMS360 does not know. */
    @Override
    public void connectSoTheAmsRefusesTheWrite(TestTenant tenant) {
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Coffee Break", null);
    }

    @Override
    public void assertRefusalReason(String lastError) {
        assertThat(lastError).contains("CustomerActivityInsert").contains("ActivityAction is not a valid value");
    }

    @Override
    public String amsIdOf(SimulatedClient client) {
        return client.id();
    }

    /** The rows of the contract's typed-number scenario: (caller, sandbox client id, how the agency typed it). */
    static Stream<Arguments> numbersAsAgenciesTypedThem() {
        return Stream.of(
                Arguments.of("+15555550123", MARCUS_BELL, "(555) 555-0123 and 5555550123: one customer"),
                Arguments.of("+15555550188", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102", "work number with an extension (555.555.0188 x12)"),
                Arguments.of("+15555550142", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103", "country code typed (1-555-555-0142)"),
                Arguments.of("+15555550178", SAM_OKAFOR, "mobile with punctuation (+1 (555) 555-0178)"));
    }

    /** AMS360 is asked with 10 bare digits. */
    @Override
    public String lookupNumberFor(String caller) {
        return caller.replaceFirst("^\\+1", "");
    }

    @Override
    public String lookupNumberIn(ReceivedRequest lookup) {
        Matcher number = PHONE_NUMBER.matcher(lookup.body());
        return number.find() ? number.group(1) : null;
    }

    @Override
    public boolean isLookup(ReceivedRequest request) {
        return isOperation(request, "SearchByPhoneNumber");
    }

    @Override
    public boolean isWrite(ReceivedRequest request) {
        return isOperation(request, "CustomerActivityInsert") || isOperation(request, "CustomerNoteInsert");
    }

    @Override
    public boolean isTokenRequest(ReceivedRequest request) {
        return isOperation(request, "Login");
    }

    @Test
    void endedCallIsSentAsWsapiEnvelopesAndRecordedAsItsActivityAndNote() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", "{\"employeeCode\":\"CSR01\"}");
        sendZoomCallFrom(tenant, "+15555550123", "envelope-call");
        awaitSyncsSettled(tenant, SETTLE);

        CreatedRecord activity = only(created(CreatedRecord.Kind.ACTIVITY));
        CreatedRecord note = only(created(CreatedRecord.Kind.NOTE));
        assertThat(activity.clientId()).isEqualTo(MARCUS_BELL);
        assertThat(activity.text()).startsWith("Inbound call").contains("+1 555-555-0123");
        assertThat(syncs(tenant)).singleElement().satisfies(sync ->
                assertThat(sync.get("ams_record_id")).isEqualTo(activity.id() + "|" + note.id()));

        assertThat(soapCalls("Login")).singleElement().satisfies(login -> assertThat(login.body())
                .contains("<a:AgencyNo>9990001-1</a:AgencyNo>", "<a:LoginId>callintel-test</a:LoginId>",
                        "<a:EmployeeCode/>"));
        assertThat(soapCalls("SearchByPhoneNumber")).singleElement().satisfies(search -> {
            assertThat(search.header("SOAPAction"))
                    .isEqualTo("\"http://www.WSAPI.AMS360.com/v3.0/WSAPIServiceContract/SearchByPhoneNumber\"");
            assertThat(search.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        });
        String sentActivity = only(soapCalls("CustomerActivityInsert")).body();
        assertThat(sentActivity).contains("<a:ActivityAction>Phone Call</a:ActivityAction>",
                "<a:EmployeeCode>CSR01</a:EmployeeCode>", "<a:CustomerId>" + MARCUS_BELL + "</a:CustomerId>");
        assertThat(sentActivity).containsPattern("<a:ActivityDate>\\d{4}-\\d{2}-\\d{2}T00:00:00</a:ActivityDate>")
                .containsPattern("<a:ActivityTime>PT[0-9HMS]+</a:ActivityTime>");
        assertThat(memberOrder(sentActivity)).as("CustomerActivity members in XSD sequence order").containsExactly(
                "ActivityDate", "ActivityTime", "ClaimId", "CompanyCode", "Description", "CustomerId", "ActivityAction",
                "EmployeeCode", "TransactionEffectiveDate", "PolicyId", "ActivityId", "Attachments");
        String sentNote = only(soapCalls("CustomerNoteInsert")).body();
        assertThat(sentNote).contains("<a:Priority>N</a:Priority>");
        assertThat(memberOrder(sentNote)).as("CustomerNote members in XSD sequence order").containsExactly(
                "CustomerId", "NoteText", "NoteDate", "NoteId", "PurgeDate", "Priority", "Attachment", "IsSticky",
                "ClaimId", "PolicyId", "IsNoteTruncated");
    }

    @Test
    void callerFromAnotherCountryIsNotSearchedByAUsLookingNumber() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", null);
        sendZoomCallFrom(tenant, "+442079460018", "london-call");   // national number 2079460018: ten digits too
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(soapCalls("SearchByPhoneNumber")).isEmpty();
    }

    @Test
    void wrongPasswordIsDeadLetteredAsRefusedCredentials() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS.replace("Fake-Passw0rd", "Wrong-Passw0rd"), "Phone Call", null);
        sendZoomCallFrom(tenant, "+15555550123", "wrong-password-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat((String) s.get("last_error")).isEqualTo(AmsFailureReason.CREDENTIALS_REFUSED.text());
        });
        assertThat(soapCalls("Login")).hasSize(1);
        assertThat(soapCalls("SearchByPhoneNumber")).isEmpty();
    }

    @Test
    void amsThatIsDownIsRetriedUntilTheNoteLandsExactlyOnce() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", null);
        ams360.goDown();
        sendZoomCallFrom(tenant, "+15555550123", "down-call");
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> syncs(tenant).stream()
                .anyMatch(s -> "pending".equals(s.get("status")) && s.get("last_error") != null));
        assertThat((String) syncs(tenant).get(0).get("last_error")).contains("unreachable");
        ams360.comeUp();
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(created(CreatedRecord.Kind.NOTE)).hasSize(1);
    }

    @Test
    void generalFaultIsRetriedAndTheNoteLandsOnce() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", null);
        ams360.faults().failNext(1, 500);   // AMS360's WSAPIGeneralFault, sent as HTTP 500 like every SOAP fault
        sendZoomCallFrom(tenant, "+15555550123", "general-fault-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(soapCalls("Login")).as("the failed Login was tried again").hasSize(2);
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(created(CreatedRecord.Kind.NOTE)).hasSize(1);
    }

    @Test
    void noteFailingAfterItsActivityIsRetriedWithoutASecondActivity() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", null);
        // seeded: of the next eight calls only the 4th (Login, Search, ActivityInsert, NoteInsert) answers 503
        ams360.faults().failRandomly(50, 309L);
        sendZoomCallFrom(tenant, "+15555550123", "half-written-call");
        awaitSyncsSettled(tenant, SETTLE);
        ams360.faults().clear();

        assertThat(soapCalls("CustomerNoteInsert")).as("the note was refused once, then sent again").hasSize(2);
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(created(CreatedRecord.Kind.NOTE)).hasSize(1);
    }

    @Test
    void baseUrlMayNameTheServiceEndpointItself() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.serviceUrl(), CREDENTIALS, "Phone Call", null);
        sendZoomCallFrom(tenant, "+15555550123", "svc-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(ams360.received()).isNotEmpty().allSatisfy(r -> assertThat(r.path()).isEqualTo(Ams360Simulator.SERVICE_PATH));
    }

    @ParameterizedTest(name = "base URL {0}")
    @CsvSource({"'', the host root", "/, the host root with a slash", "/v3, as integrators give it (A3)",
            "/v3/, /v3 with a slash", "/V3, /v3 in capitals", "/v3/WSAPIService.svc, the service endpoint itself"})
    void baseUrlIsAcceptedInEveryFormIntegratorsGiveIt(String path, String why) {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl() + path, CREDENTIALS, "Phone Call", null);
        sendZoomCallFrom(tenant, "+15555550123", "base-url-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).as(why).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        // IIS matches paths without case, as the simulator does: /V3/WSAPIService.svc is the endpoint too
        assertThat(ams360.received()).as("never a doubled /v3").isNotEmpty()
                .allSatisfy(r -> assertThat(r.path()).isEqualToIgnoringCase(Ams360Simulator.SERVICE_PATH));
    }

    @Test
    void prospectHitIsMatchedLikeACustomer() {
        try (Ams360Simulator prospects = Ams360Simulator.builder().entityType("Prospect").build()) {
            prospects.start();
            egress.allowSandboxSimulator(prospects.baseUrl());
            TestTenant tenant = newTenant();
            connectAms360(tenant, prospects.baseUrl(), CREDENTIALS, "Phone Call", null);
            sendZoomCallFrom(tenant, "+15555550123", "prospect-call");
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).singleElement().satisfies(s -> {
                assertThat(s.get("status")).isEqualTo("synced");
                assertThat(s.get("target_id")).isEqualTo(MARCUS_BELL);
            });
        }
    }

    @Test
    void hitOfAnUnknownEntityTypeIsNotOfferedAndItsTypeIsLoggedOnce(CapturedOutput log) {
        try (Ams360Simulator contacts = Ams360Simulator.builder().entityType("Zz Contact").build()) {
            contacts.start();
            egress.allowSandboxSimulator(contacts.baseUrl());
            TestTenant tenant = newTenant();
            connectAms360(tenant, contacts.baseUrl(), CREDENTIALS, "Phone Call", null);
            sendZoomCallFrom(tenant, "+15555550123", "contact-call-1");
            sendZoomCallFrom(tenant, "+15555550123", "contact-call-2");
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).hasSize(2).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
            assertThat(contacts.created()).isEmpty();
            assertThat(Pattern.compile("EntityType 'Zz Contact'").matcher(log.getOut()).results().count())
                    .as("an unknown EntityType is logged once, however often it comes back").isEqualTo(1);
        }
    }

    @Test
    void agencyMayAcceptFurtherEntityTypesInItsConnection() {
        try (Ams360Simulator suspects = Ams360Simulator.builder().entityType("Suspect").build()) {
            suspects.start();
            egress.allowSandboxSimulator(suspects.baseUrl());
            TestTenant tenant = newTenant();
            connectAms360(tenant, suspects.baseUrl(), CREDENTIALS, "Phone Call",
                    "{\"customerEntityTypes\":\"Customer, Suspect\"}");
            sendZoomCallFrom(tenant, "+15555550123", "suspect-call");
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        }
    }

    @Test
    void blankEmployeeCodeOfTheActivityIsAnEmptyElement() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS, "Phone Call", "{\"employeeCode\":\"  \"}");
        sendZoomCallFrom(tenant, "+15555550123", "blank-employee-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(only(soapCalls("CustomerActivityInsert")).body()).contains("<a:EmployeeCode/>")
                .doesNotContain("<a:EmployeeCode i:nil");
        assertThat(only(soapCalls("Login")).body()).contains("<a:EmployeeCode/>");
    }

    @Test
    void connectionTestLogsInLiveAndAnswersRefusedCredentialsInTheFixedVocabulary() {
        TestTenant tenant = newTenant();
        connectAms360(tenant, ams360.baseUrl() + "/v3", CREDENTIALS, "Phone Call", null);
        var tested = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("\"ok\":true");
        assertThat(soapCalls("Login")).hasSize(1);

        connectAms360(tenant, ams360.baseUrl(), CREDENTIALS.replace("Fake-Passw0rd", "Wrong-Passw0rd"), "Phone Call", null);
        var refused = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("\"ok\":false", AmsFailureReason.CREDENTIALS_REFUSED.text())
                .doesNotContain("Login failure");
    }

    /** Connects the tenant's organization to AMS360 through the admin API, as an admin would. */
    private void connectAms360(TestTenant tenant, String baseUrl, String credentials, String activityCode, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"ams360\",\"baseUrl\":\""
                + baseUrl + "\",\"activityCode\":\"" + activityCode + "\",\"credentials\":" + credentials
                + ",\"settings\":" + (settings == null ? "{}" : settings) + "}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }


    /** What the hub sent as WSAPI {@code operation}, by the SOAPAction header. */
    private List<ReceivedRequest> soapCalls(String operation) {
        return ams360.received().stream().filter(r -> isOperation(r, operation)).toList();
    }

    private static boolean isOperation(ReceivedRequest request, String operation) {
        return String.valueOf(request.header("SOAPAction")).equals("\"" + Ams360Simulator.ACTION_PREFIX + operation + "\"");
    }

    private List<CreatedRecord> created(CreatedRecord.Kind kind) {
        return ams360.created().stream().filter(r -> r.kind() == kind).toList();
    }

    /** The data-contract members of the one CustomerActivity or CustomerNote in a sent envelope, in document order. */
    private static List<String> memberOrder(String envelope) {
        String contract = envelope.replaceAll("(?s).*<a:Customer(Activity|Note)>(.*)</a:Customer\\1>.*", "$2");
        return Pattern.compile("<a:(\\w+)[ />]").matcher(contract).results().map(m -> m.group(1)).toList();
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
