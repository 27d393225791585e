package com.callintel.hub.ams.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One vendor-shaped exchange kept under src/test/resources/contracts/&lt;ams&gt;/: the request the connector must
 * send (method, path and query, the headers that matter, the body; {@code {{*}}} stands for any text) and the
 * response the vendor gives. File form: {@code #} source comments, the request line, headers, a blank line, the
 * body, a line {@code --- response}, the status line, headers, a blank line, the body.
 */
record RecordedExchange(String name, String method, String path, String query, Map<String, String> requestHeaders,
                        String requestBody, int status, Map<String, String> responseHeaders, String responseBody) {

    static final String SEPARATOR = "--- response";

    /** Every exchange of one AMS folder on the test class path, in file-name order. */
    static List<RecordedExchange> folder(String ams) {
        URL url = RecordedExchange.class.getResource("/contracts/" + ams);
        if (url == null) {
            throw new IllegalStateException("no recorded exchanges at contracts/" + ams);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".http")).sorted()
                    .map(RecordedExchange::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RecordedExchange read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int split = text.indexOf("\n" + SEPARATOR + "\n");
        if (split < 0) {
            throw new IllegalStateException(file + " has no '" + SEPARATOR + "' line");
        }
        Part request = Part.of(text.substring(0, split + 1));
        Part response = Part.of(text.substring(split + SEPARATOR.length() + 2));
        String[] line = request.firstLine().split(" ", 2);
        String target = line[1].trim();
        int q = target.indexOf('?');
        return new RecordedExchange(file.getFileName().toString(), line[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), request.headers(), request.body(),
                Integer.parseInt(response.firstLine().split(" ")[1]), response.headers(), response.body());
    }

    /** A recorded header's value, looked up without regard to case. */
    String requestHeader(String header) {
        return requestHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private record Part(String firstLine, Map<String, String> headers, String body) {

        static Part of(String text) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int i = 0;
            while (i < lines.size() && (lines.get(i).startsWith("#") || lines.get(i).isBlank())) {
                i++;
            }
            String first = lines.get(i++);
            Map<String, String> headers = new LinkedHashMap<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                String header = lines.get(i++);
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            String body = String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())).strip();
            return new Part(first, headers, body);
        }
    }

    /** Whether the recorded content type is {@code kind} (json, xml, form). */
    static boolean isKind(String contentType, String kind) {
        String type = String.valueOf(contentType).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "json" -> type.contains("json");
            case "xml" -> type.contains("xml");
            default -> type.startsWith("application/x-www-form-urlencoded");
        };
    }
}
