package com.callintel.hub.screenpop;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.access.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/**
 * The stream audit rows wait in a bounded queue: when the database is slow and the queue is full, a row is written
 * on the delivering thread instead (and counted) — memory stays bounded and no audit row is dropped.
 */
class ScreenPopAuditQueueTest {

    @Test
    void auditRowsBeyondTheQueueAreWrittenOnTheDeliveringThreadNeverDropped() throws Exception {
        CountDownLatch slowDatabase = new CountDownLatch(1);
        List<String> writtenBy = new CopyOnWriteArrayList<>();
        AuditLog audit = mock(AuditLog.class);
        doAnswer(call -> {
            if (Thread.currentThread().getName().equals("screen-pop-audit")) {
                slowDatabase.await(10, TimeUnit.SECONDS);
            }
            writtenBy.add(Thread.currentThread().getName());
            return null;
        }).when(audit).record(any(), anyString(), anyString(), anyInt());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ScreenPopProperties properties = new ScreenPopProperties(true, Duration.ofMinutes(5), Duration.ofSeconds(1), 2, 1,
                Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(30), false, "", 10, 10, 30, 1, 20);
        ScreenPopSubscribers subscribers = new ScreenPopSubscribers(mock(ScreenPopRepository.class), audit, properties, meters);
        UUID org = UUID.randomUUID();
        try {
            // the first row holds the audit thread (slow database), the second fills the queue of one
            subscribers.connect(new HubUser("u1", null, org, Role.AGENT), 0);
            subscribers.connect(new HubUser("u2", null, org, Role.AGENT), 0);
            subscribers.connect(new HubUser("u3", null, org, Role.AGENT), 0);

            assertThat(writtenBy).as("the third row, with the queue full, written by the thread that opened the stream")
                    .contains(Thread.currentThread().getName());
            assertThat(meters.counter("callintel.screenpop.audit.written-through").count()).isGreaterThanOrEqualTo(1.0);

            slowDatabase.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> writtenBy.size() == 3);
        } finally {
            slowDatabase.countDown();
            subscribers.close();
        }
    }
}
