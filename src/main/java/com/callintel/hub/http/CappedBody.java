package com.callintel.hub.http;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * A request body read up to a cap, counting the bytes that actually arrive (a chunked body declares no length,
 * and a declared length may lie), and the request handed on with that body replayable from memory. Also the
 * path the application routes by, decoded, so a filter cannot be skipped by spelling its prefix differently.
 */
public final class CappedBody {

    private static final UrlPathHelper DECODED = new UrlPathHelper();

    private CappedBody() {
    }

    /** The path within the application as routing sees it: percent-decoded, path parameters removed. */
    public static String routedPath(HttpServletRequest request) {
        return DECODED.getPathWithinApplication(request);
    }

    /** At most {@code maxBytes} of the body, or empty when more than that arrives. */
    public static Optional<byte[]> read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            return Optional.empty();
        }
        InputStream in = request.getInputStream();
        if (declared >= 0) {
            // the container ends the stream at the declared length (bytes past it are the next request), so a
            // buffer of that size holds the whole body; fewer bytes arrive when the sender stopped early
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return Optional.of(read == body.length ? body : Arrays.copyOf(body, read));
        }
        byte[] body = in.readNBytes((int) maxBytes + 1);
        return body.length > maxBytes ? Optional.empty() : Optional.of(body);
    }

    /** The request with {@code body} as its body, readable as often as the chain needs. */
    public static HttpServletRequest replayable(HttpServletRequest request, byte[] body) {
        return new BufferedBodyRequest(request, body);
    }

    /** The request with its body replayable from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
