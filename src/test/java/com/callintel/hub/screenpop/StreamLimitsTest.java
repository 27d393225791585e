package com.callintel.hub.screenpop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screen-pop streams are held connections on the port webhooks arrive at: a user and an organization may hold only
 * so many, and opening one is admitted before it costs anything — a ticket the hub did not seal never reaches
 * the database, and a source presenting used tickets over and over is stopped before it does.
 */
@TestPropertySource(properties = {"callintel.screen-pop.streams-per-user=2", "callintel.screen-pop.streams-per-organization=3",
        "callintel.screen-pop.failed-tickets-per-minute=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamLimitsTest extends ScreenPopTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<SseClient> open = new ArrayList<>();

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void closeStreams() {
        open.forEach(SseClient::close);
    }

    @Test
    @Order(1)
    void oneStreamMoreThanAUserMayHoldIsRefusedWith429AndRetryAfter() throws Exception {
        TestTenant tenant = newTenant();
        String agent = agentToken(tenant);
        open.add(stream(tenant, agent, null));
        open.add(stream(tenant, agent, null));

        HttpResponse<String> third = openStream(ticket(agent));

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("too-many-streams");
    }

    @Test
    @Order(2)
    void oneStreamMoreThanAnOrganizationMayHoldIsRefusedWhoeverAsks() throws Exception {
        TestTenant tenant = newTenant();
        open.add(stream(tenant, agentToken(tenant), null));
        open.add(stream(tenant, agentToken(tenant), null));
        open.add(stream(tenant, adminToken(tenant), null));

        assertThat(openStream(ticket(adminToken(tenant))).statusCode()).as("the organization's fourth stream").isEqualTo(429);
        TestTenant other = newTenant();
        open.add(stream(other, agentToken(other), null));   // another organization is not affected
    }

    @Test
    @Order(3)
    void aFloodOfTicketsTheHubNeverIssuedCostsTheDatabaseNothing() throws Exception {
        TestTenant tenant = newTenant();
        String genuine = ticket(agentToken(tenant));
        double before = lookups();
        SecureRandom random = new SecureRandom();
        List<String> garbage = new ArrayList<>(List.of("a.b.c", "x".repeat(5000), "%00", "'; select 1; --"));
        for (int i = 0; i < 60; i++) {
            byte[] bytes = new byte[i % 2 == 0 ? 32 : 96];
            random.nextBytes(bytes);
            garbage.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        // a genuine ticket with one character changed, and one sealed like a ticket but with its expiry passed
        garbage.add(genuine.substring(0, 20) + (genuine.charAt(20) == 'A' ? 'B' : 'A') + genuine.substring(21));
        String expiring = ticket(agentToken(tenant));
        clock.advance(Duration.ofMinutes(5));
        try {
            for (String ticket : garbage) {
                assertThat(openStream(ticket).statusCode()).as(ticket).isEqualTo(401);
            }
            assertThat(openStream(expiring).statusCode()).as("expired").isEqualTo(401);
        } finally {
            clock.reset();
        }

        assertThat(lookups() - before).as("database lookups for tickets the hub cannot have issued").isZero();
        open.add(SseClient.open(base(), genuine, null));
        assertThat(open.get(0).status()).isEqualTo(200);
        assertThat(lookups() - before).as("the genuine ticket is looked up once").isEqualTo(1.0);
    }

    @Test
    @Order(4)
    void aSourcePresentingUsedTicketsOverAndOverIsStoppedBeforeTheDatabase() throws Exception {
        TestTenant tenant = newTenant();
        String used = ticket(agentToken(tenant));
        open.add(SseClient.open(base(), used, null));
        for (int i = 0; i < 3; i++) {
            assertThat(openStream(used).statusCode()).as("used ticket, try %d", i).isEqualTo(401);
        }
        double before = lookups();

        HttpResponse<String> stopped = openStream(used);

        assertThat(stopped.statusCode()).isEqualTo(429);
        assertThat(stopped.headers().firstValue("Retry-After")).isPresent();
        assertThat(lookups()).as("no database lookup once the source is over its budget").isEqualTo(before);
    }

    private double lookups() {
        return meters.counter("callintel.screenpop.ticket.lookups").count();
    }

    /** Opens a stream and reads the answer's head and body when it is refused (an admitted stream is abandoned). */
    private HttpResponse<String> openStream(String ticket) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/screen-pops/stream?ticket="
                        + java.net.URLEncoder.encode(ticket, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            response.body().close();
            return new SimpleResponse(response, "");
        }
        try (var body = response.body()) {
            return new SimpleResponse(response, new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A response whose body was read as text. */
    private record SimpleResponse(HttpResponse<java.io.InputStream> head, String body) implements HttpResponse<String> {
        public int statusCode() { return head.statusCode(); }
        public HttpRequest request() { return head.request(); }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return head.headers(); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return head.sslSession(); }
        public URI uri() { return head.uri(); }
        public HttpClient.Version version() { return head.version(); }
    }
}
