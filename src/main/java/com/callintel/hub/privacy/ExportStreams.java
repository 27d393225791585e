package com.callintel.hub.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns {@link DataRights#export} into a response body that is read while it is written: a writer thread streams
 * the rows into a pipe, the web server copies the pipe to the client. At most {@code exports-at-once} exports run
 * per node (each holds a database connection for its whole length); one more gets 503 with Retry-After.
 */
@Component
class ExportStreams {

    private static final Logger log = LoggerFactory.getLogger(ExportStreams.class);
    /** Bytes buffered between the writer and the client: a bounded amount, whatever the organization's size. */
    private static final int PIPE_BYTES = 64 * 1024;

    private final DataRights rights;
    private final PrivacyProperties properties;
    private final Semaphore running;
    private final ExecutorService writers;

    ExportStreams(DataRights rights, PrivacyProperties properties, CamelContext camel) {
        this.rights = rights;
        this.properties = properties;
        this.running = new Semaphore(properties.exportsAtOnce());
        this.writers = camel.getExecutorServiceManager().newThreadPool(this, "privacy-export",
                properties.exportsAtOnce(), properties.exportsAtOnce());
    }

    /** The organization's export as a stream the caller must read to its end (or close). */
    InputStream open(UUID orgId) throws IOException {
        if (!running.tryAcquire()) {
            throw new ProblemException(Problem.of(503, "export-busy", "Exports busy",
                    "Other exports are being written right now; try again shortly.")
                    .retryAfter(properties.exportRetryAfterSeconds()));
        }
        Pipe pipe = new Pipe();
        PipedOutputStream out = new PipedOutputStream(pipe);
        try {
            writers.execute(() -> write(orgId, out, pipe));
        } catch (RuntimeException rejected) {
            running.release();
            throw rejected;
        }
        return pipe;
    }

    private void write(UUID orgId, PipedOutputStream out, Pipe pipe) {
        try {
            rights.export(orgId, out);
        } catch (Exception e) {
            // the client sees a broken transfer, never a well-formed but incomplete document
            pipe.failure = e;
            log.warn("Export of organization {} stopped: {}", orgId, e.toString());
        } finally {
            try {
                out.close();
            } catch (IOException ignored) {
                // the reader has gone
            }
            running.release();
        }
    }

    /** The reading end: an export that failed midway ends with an IOException instead of a clean end of stream. */
    private static final class Pipe extends PipedInputStream {

        private volatile Exception failure;

        Pipe() {
            super(PIPE_BYTES);
        }

        @Override
        public synchronized int read() throws IOException {
            return checked(super.read());
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            return checked(super.read(b, off, len));
        }

        private int checked(int read) throws IOException {
            if (read < 0 && failure != null) {
                throw new IOException("the export could not be completed", failure);
            }
            return read;
        }
    }
}
