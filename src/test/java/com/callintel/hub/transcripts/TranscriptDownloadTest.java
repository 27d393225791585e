package com.callintel.hub.transcripts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One fetch of a transcript link: bounded in size and in time, failures named with what the link answered. */
class TranscriptDownloadTest {

    private HttpServer server;
    private final CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().build();
    private final TranscriptDownload download = new TranscriptDownload(http,
            new TranscriptProperties(Map.of(), Map.of(), 64_000, Duration.ofSeconds(2), 0, 0, null, null, null));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/big", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    out.write("Caller: the same words again and again. ".repeat(25).getBytes());
                }
            } catch (IOException clientWentAway) {
                // the download stopped reading: what the test wants
            }
        });
        server.createContext("/slow", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    out.write("Caller: a word.\n".getBytes());
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // the download gave up: what the test wants
            }
        });
        server.createContext("/limited", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            byte[] body = "Caller: I need a certificate.".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "Text/Plain; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        http.close();
    }

    @Test
    void aTranscriptComesWithItsMediaType() {
        TranscriptDownload.Fetched fetched = download.fetch(uri("/ok"), "Bearer t");

        assertThat(fetched.mediaType()).isEqualTo("text/plain");
        assertThat(new String(fetched.body())).isEqualTo("Caller: I need a certificate.");
    }

    @Test
    void aBodyOverTheLimitIsRefusedForGoodWithoutReadingItToItsEnd() {
        long began = System.nanoTime();
        var refused = catchThrowableOfType(TranscriptDownload.LinkFailure.class, () -> download.fetch(uri("/big"), "Bearer t"));

        assertThat(refused).hasMessage("the transcript is larger than 64000 bytes");
        assertThat(refused.transientFailure()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyThatTakesLongerThanTheTimeoutIsAPassingFailure() {
        var slow = catchThrowableOfType(TranscriptDownload.LinkFailure.class, () -> download.fetch(uri("/slow"), "Bearer t"));

        assertThat(slow).hasMessageContaining("took longer than PT2S");
        assertThat(slow.transientFailure()).isTrue();
    }

    @Test
    void aRateLimitCarriesTheRetryAfterTheProviderSent() {
        var limited = catchThrowableOfType(TranscriptDownload.LinkFailure.class, () -> download.fetch(uri("/limited"), "Bearer t"));

        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.transientFailure()).isTrue();
        assertThat(limited.retryAfter).contains(Duration.ofSeconds(7));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
