package com.callintel.hub.sandbox.ams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * A contract simulator of Vertafore AMS360 WSAPI v3: SOAP 1.1 at {@code POST /v3/WSAPIService.svc}, dispatched on
 * the SOAPAction header, namespaces as in the WSDL ({@code http://www.WSAPI.AMS360.com/v3.0} and
 * {@code …/DataContract}). Login returns a ticket in the WSAPISession SOAP header; SearchByPhoneNumber,
 * CustomerGetById, CustomerActivityInsert and CustomerNoteInsert need it. Wrong credentials, an unknown or expired
 * ticket answer WSAPISecurityFault; validation problems WSAPIBusinessFault. Other WSAPI operations answer WCF's
 * ActionNotSupported fault. See {@link Ams360Settings} for the behaviours that are assumptions.
 */
public final class Ams360Simulator extends AmsSimulator {

    public static final String SERVICE_PATH = "/v3/WSAPIService.svc";
    public static final String ACTION_PREFIX = "http://www.WSAPI.AMS360.com/v3.0/WSAPIServiceContract/";
    private static final Set<String> SIMULATED_OPERATIONS = Set.of("Login", "Logout", "SearchByPhoneNumber",
            "CustomerGetById", "CustomerActivityInsert", "CustomerNoteInsert");
    private static final String XML = "text/xml; charset=utf-8";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ams360Settings settings;
    private final Ams360Operations operations;

    private Ams360Simulator(Builder b) {
        super("ams360", b.port, b.data, b.ticketLifetime, b.clock);
        this.settings = new Ams360Settings(b.credentials, b.entityType, b.phoneFormat, b.activityActions,
                b.maxDescriptionLength, b.maxNoteTextLength, b.faultHttpStatus, b.loginFailureMessage,
                b.ticketExpiredMessage);
        this.operations = new Ams360Operations(this, settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The full URL of the service endpoint, e.g. {@code http://127.0.0.1:41234/v3/WSAPIService.svc}. */
    public String serviceUrl() {
        return baseUrl() + SERVICE_PATH;
    }

    @Override
    SimulatorResponse respond(IncomingRequest request) {
        if (!request.path().equalsIgnoreCase(SERVICE_PATH)) {
            return SimulatorResponse.of(404, "text/html", "<html><body><h1>Not Found</h1></body></html>");
        }
        if (!request.method().equals("POST")) {
            return SimulatorResponse.of(405, "text/html", "<html><body><h1>Method Not Allowed</h1></body></html>")
                    .withHeader("Allow", "POST");
        }
        String contentType = String.valueOf(request.header("Content-Type"));
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/xml")) {
            // SOAP 1.2's application/soap+xml lands here: BasicHttpBinding speaks SOAP 1.1 only
            return SimulatorResponse.text(415, "Cannot process the message because the content type '" + contentType
                    + "' was not the expected type 'text/xml; charset=utf-8'.");
        }
        String action = unquote(request.header("SOAPAction"));
        SoapRequest soap = SoapRequest.parse(request.body());
        if (soap == null || soap.operation() == null) {
            return SimulatorResponse.of(400, "text/html", "<html><body><h1>Bad Request</h1></body></html>");
        }
        try {
            return SimulatorResponse.of(200, XML, dispatch(action, soap));
        } catch (Ams360Fault fault) {
            return SimulatorResponse.of(settings.faultHttpStatus(), XML, fault.envelope());
        }
    }

    private String dispatch(String action, SoapRequest soap) {
        String operation = action.startsWith(ACTION_PREFIX) ? action.substring(ACTION_PREFIX.length()) : "";
        if (!SIMULATED_OPERATIONS.contains(operation)) {
            throw Ams360Fault.actionNotSupported(action);
        }
        Element body = soap.operation();
        if (!operation.equals(body.getLocalName()) || !SoapRequest.WSAPI_NS.equals(body.getNamespaceURI())) {
            throw Ams360Fault.unexpectedBody(operation, body.getLocalName(), String.valueOf(body.getNamespaceURI()));
        }
        if (operation.equals("Login")) {
            return login(soap);
        }
        String ticket = soap.ticket();
        if (tokens().valid(ticket).isEmpty()) {
            throw Ams360Fault.security(settings.ticketExpiredMessage());
        }
        return switch (operation) {
            case "Logout" -> {
                tokens().revoke(ticket);
                yield Ams360Templates.logoutResponse();
            }
            case "SearchByPhoneNumber" -> operations.searchByPhoneNumber(soap);
            case "CustomerGetById" -> operations.customerGetById(soap);
            case "CustomerActivityInsert" -> operations.customerActivityInsert(soap);
            default -> operations.customerNoteInsert(soap);
        };
    }

    private String login(SoapRequest soap) {
        SoapRequest.Members login = SoapRequest.members(soap.request(),
                List.of("AgencyNo", "LoginId", "Password", "EmployeeCode"));
        Ams360Credentials expected = settings.credentials();
        boolean employeeOk = expected.employeeCode() == null
                || expected.employeeCode().equalsIgnoreCase(String.valueOf(login.typed("EmployeeCode")));
        if (!expected.agencyNo().equals(login.typed("AgencyNo")) || !expected.loginId().equals(login.typed("LoginId"))
                || !expected.password().equals(login.text("Password")) || !employeeOk) {
            throw Ams360Fault.security(settings.loginFailureMessage());
        }
        byte[] random = new byte[96];
        RANDOM.nextBytes(random);
        String ticket = Base64.getEncoder().encodeToString(random);
        tokens().issue(ticket, Set.of());
        return Ams360Templates.loginResponse(ticket);
    }

    @Override
    SimulatorResponse injectedFault(FaultPlan.InjectedFault fault, IncomingRequest request) {
        if (fault.throttled()) {
            // AMS360 publishes no rate limit; a gateway 429 is the assumed shape
            return SimulatorResponse.text(429, "Too Many Requests")
                    .withHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
        }
        if (fault.status() == 500) {
            return SimulatorResponse.of(500, XML, Ams360Templates.generalFault("An unexpected error has occurred"));
        }
        return SimulatorResponse.of(fault.status(), "text/html",
                "<html><body><h1>" + fault.status() + " Service Unavailable</h1></body></html>");
    }

    @Override
    String maskSecrets(String body) {
        return SecretMasking.maskXml(body);
    }

    private static String unquote(String header) {
        String value = header == null ? "" : header.trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Port, WSAPI user, client book, ticket lifetime and the unconfirmed behaviours, all with sandbox defaults. */
    public static final class Builder {
        private int port;
        private Ams360Credentials credentials = Ams360Credentials.sandboxDefault();
        private AmsSandboxData data = AmsSandboxData.defaultSeed();
        private Duration ticketLifetime = Duration.ofMinutes(20);
        private Clock clock = Clock.systemUTC();
        private String entityType = "Customer";
        private Ams360PhoneFormat phoneFormat = Ams360PhoneFormat.TEN_DIGITS;
        private Set<String> activityActions = Set.of("Phone Call", "Text Message");
        private int maxDescriptionLength = 250;
        private int maxNoteTextLength = 8000;
        private int faultHttpStatus = 500;
        private String loginFailureMessage = "Login failure - contact your administrator";
        private String ticketExpiredMessage = "Invalid or expired ticket - please login again";

        private Builder() {
        }

        /** 0 (the default) picks any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder credentials(Ams360Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder data(AmsSandboxData data) {
            this.data = data;
            return this;
        }

        /** How long a ticket stays valid after Login (unconfirmed for AMS360; default 20 minutes). */
        public Builder ticketLifetime(Duration lifetime) {
            this.ticketLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The EntityType of a customer hit (assumed "Customer"). */
        public Builder entityType(String entityType) {
            this.entityType = entityType;
            return this;
        }

        public Builder phoneFormat(Ams360PhoneFormat phoneFormat) {
            this.phoneFormat = phoneFormat;
            return this;
        }

        /** The agency's ActivityAction codes; an empty set accepts any. Default "Phone Call", "Text Message". */
        public Builder activityActions(Set<String> actions) {
            this.activityActions = actions;
            return this;
        }

        public Builder maxDescriptionLength(int length) {
            this.maxDescriptionLength = length;
            return this;
        }

        public Builder maxNoteTextLength(int length) {
            this.maxNoteTextLength = length;
            return this;
        }

        /** The HTTP status SOAP faults travel with (WCF's 500 assumed). */
        public Builder faultHttpStatus(int status) {
            this.faultHttpStatus = status;
            return this;
        }

        public Builder faultMessages(String loginFailure, String ticketExpired) {
            this.loginFailureMessage = loginFailure;
            this.ticketExpiredMessage = ticketExpired;
            return this;
        }

        public Ams360Simulator build() {
            return new Ams360Simulator(this);
        }
    }
}
