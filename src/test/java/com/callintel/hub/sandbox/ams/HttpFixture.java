package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request fixture in the .http format of shared/fixtures/ams (request line, headers, blank line, body or
 * "&lt; file.json"), sent to a simulator instead of the vendor host with {@code <access_token>} filled in.
 */
record HttpFixture(String method, URI uri, Map<String, String> headers, String body) {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static HttpFixture read(String relative) {
        String text = FixtureShapes.fixture(relative).replace("\r\n", "\n");
        List<String> lines = text.lines().toList();
        String[] requestLine = lines.get(0).split(" ", 2);
        Map<String, String> headers = new LinkedHashMap<>();
        int i = 1;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            int colon = lines.get(i).indexOf(':');
            headers.put(lines.get(i).substring(0, colon).trim(), lines.get(i).substring(colon + 1).trim());
        }
        String body = String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())).trim();
        if (body.startsWith("<")) {
            String folder = relative.substring(0, relative.lastIndexOf('/') + 1);
            body = FixtureShapes.fixture(folder + body.substring(1).trim());
        }
        return new HttpFixture(requestLine[0], URI.create(requestLine[1].trim()), headers, body);
    }

    /** Sends this request to {@code baseUrl} (same path and raw query) with the bearer {@code token}. */
    HttpResponse<String> sendTo(String baseUrl, String token) throws IOException, InterruptedException {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + uri.getRawPath() + query))
                .timeout(Duration.ofSeconds(10))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> request.header(name, value.replace("<access_token>", String.valueOf(token))));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
