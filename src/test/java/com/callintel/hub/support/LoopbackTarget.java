package com.callintel.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server standing in for something internal an attacker wants the hub to reach (a management
 * port, a metadata service): it counts every connection it accepts, whatever is sent on it, and answers each with
 * {@code answer} (an HTTP response; a redirector sends a 302 to the real target). Tests assert it saw nothing.
 */
public final class LoopbackTarget implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final String answer;

    private LoopbackTarget(String answer) {
        this.answer = answer;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "loopback-target-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An internal service answering 200 with a secret-looking body to anyone who connects. */
    public static LoopbackTarget internal() {
        return new LoopbackTarget(response("200 OK", "", "{\"secret\":\"internal\"}"));
    }

    /** A server that accepts connections and never answers (a hung AMS). */
    public static LoopbackTarget silent() {
        return new LoopbackTarget(null);
    }

    /** A server answering every request with a redirect to {@code location}. */
    public static LoopbackTarget redirectingTo(String location) {
        return new LoopbackTarget(response("302 Found", "Location: " + location + "\r\n", ""));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many TCP connections reached this target. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                socket.setSoTimeout(2000);
                readHead(socket.getInputStream());
                if (answer == null) {
                    holdUntilClosed();
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // a closed server ends the loop; a client that went away is still counted
            }
        }
    }

    private void holdUntilClosed() {
        while (!server.isClosed()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static String response(String status, String headers, String body) {
        return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
