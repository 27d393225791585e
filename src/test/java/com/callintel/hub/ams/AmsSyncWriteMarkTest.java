package com.callintel.hub.ams;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed writes drop the write mark (the AMS certainly wrote nothing, so the retry need not read back) and
 * which keep it (the AMS may have written before the failure reached the hub), and how a note's ref is matched.
 */
class AmsSyncWriteMarkTest {

    private final AmsFailures failures = new AmsFailures(new AmsSyncProperties(true, 20, null, 8, null, null, null, 50,
            null, 1000, 8, Map.of(), Map.of(), null, 0, 0, null, 0, null));

    @ParameterizedTest(name = "HTTP {0}: nothing written = {1}")
    @CsvSource({"400, true", "401, true", "403, true", "404, true", "408, false", "429, true", "500, false",
            "502, false", "503, true", "504, false"})
    void anAnswerWithoutProcessingDropsTheMarkAnAnswerAfterItKeepsIt(int status, boolean nothingWritten) {
        var failed = new RuntimeCamelException(new HttpOperationFailedException("http://ams.test/x", status, "x", null,
                null, ""));

        assertThat(failures.nothingWritten(failed)).isEqualTo(nothingWritten);
    }

    @Test
    void connectionRefusedWroteNothingATimeoutMayHave() {
        assertThat(failures.nothingWritten(new RuntimeCamelException(new ConnectException("refused")))).isTrue();
        assertThat(failures.nothingWritten(new RuntimeCamelException(new SocketTimeoutException("read")))).isFalse();
        assertThat(failures.nothingWritten(new AmsUnavailableException("Applied Epic unreachable"))).isFalse();
    }

    @Test
    void refMatchesAsAWholeTokenOnly() {
        var ref = EpicReadBack.refPattern("callintel-0a1b2c3d-call-17");

        assertThat(ref.matcher("…\nCallIntel ref: callintel-0a1b2c3d-call-17").find()).isTrue();
        assertThat(ref.matcher("CallIntel ref: callintel-0a1b2c3d-call-17.").find()).isTrue();
        assertThat(ref.matcher("CallIntel ref: callintel-0a1b2c3d-call-170").find()).isFalse();
        assertThat(ref.matcher("Update: … CallIntel ref: callintel-0a1b2c3d-call-17/v2").find()).isFalse();
        assertThat(EpicReadBack.refPattern("callintel-0a1b2c3d-call-17/v2")
                .matcher("Update: … CallIntel ref: callintel-0a1b2c3d-call-17/v2").find()).isTrue();
    }
}
