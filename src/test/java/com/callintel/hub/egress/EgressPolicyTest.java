package com.callintel.hub.egress;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.callintel.hub.support.LoopbackTarget;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The egress policy's rules on their own: which addresses are internal, which URLs pass, what a hung AMS costs. */
class EgressPolicyTest {

    private static EgressProperties properties(boolean sandbox, Duration responseTimeout) {
        return new EgressProperties(Map.of("applied-epic", List.of("api.myappliedproducts.com"), "ams360", List.of("wsapi.ams360.com")),
                List.of("https://api.goto.com"), sandbox, Duration.ofSeconds(2), responseTimeout, 4);
    }

    private final EgressPolicy policy = new EgressPolicy(properties(true, Duration.ofSeconds(5)));

    @Test
    void everyInternalAddressClassIsRecognisedIncludingIpv4InsideIpv6() throws Exception {
        for (String internal : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255",
                "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
                "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a00:1::1")) {
            assertThat(InternalAddresses.classify(InetAddress.getByName(internal))).as(internal).isPresent();
        }
        for (String publicAddress : List.of("8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700::1111")) {
            assertThat(InternalAddresses.classify(InetAddress.getByName(publicAddress))).as(publicAddress).isEmpty();
        }
    }

    @Test
    void tenantUrlsMustBeHttpsWithoutCredentialsQueryOrInternalLiterals() {
        for (String refused : List.of("http://ams.example.com", "ftp://ams.example.com", "https://user:pw@ams.example.com",
                "https://ams.example.com/?x=", "https://ams.example.com/#f", "https://{{env:PATH}}.example.com",
                "https://ams.example.com/{{env:PATH}}", "https://127.0.0.1", "https://localhost", "https://a.localhost",
                "https://[::1]", "https://[::ffff:7f00:1]", "https://169.254.169.254", "https://10.0.0.1", "/relative", "")) {
            assertThatThrownBy(() -> policy.check(refused, "generic-rest")).as(refused).isInstanceOf(EgressRefusedException.class);
        }
        assertThatCode(() -> policy.check("https://ams.example.com/api", "generic-rest")).doesNotThrowAnyException();
    }

    @Test
    void aProviderLinkMustNameTheProvidersHostAndAPlainPathAndIsRebuiltFromItsParts() {
        List<String> zoom = List.of("zoom.us", "api.zoom.us");
        assertThat(policy.checkProviderLink("HTTPS://Zoom.us/v2/phone/recording_transcript/download/rec_1", "zoom", zoom))
                .hasToString("https://Zoom.us/v2/phone/recording_transcript/download/rec_1");
        for (String refused : List.of("https://zoom.us.evil.example/v2/x", "https://evil.example/zoom.us/x",
                "http://zoom.us/v2/x", "https://zoom.us@169.254.169.254/x", "https://zoom.us/v2/x?access_token=t",
                "https://zoom.us/v2/%2e%2e/users", "https://zoom.us/v2/../users", "https://zoom.us/v2/{{env:PATH}}",
                "https://zoom.us:8443/v2/x%0d%0aHost:evil")) {
            assertThatThrownBy(() -> policy.checkProviderLink(refused, "zoom", zoom)).as(refused)
                    .isInstanceOf(EgressRefusedException.class);
        }
        EgressPolicy production = new EgressPolicy(properties(false, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> production.checkProviderLink("https://api.goto.com/v2/x", "zoom", zoom))
                .as("an operator's trusted target never receives another provider's token")
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void vendorsWithFixedHostsTakeOnlyTheirOwnHosts() {
        assertThat(policy.check("https://api.myappliedproducts.com", "applied-epic").getHost()).isEqualTo("api.myappliedproducts.com");
        assertThat(policy.check("https://WSAPI.AMS360.COM/v3", "ams360").getPath()).isEqualTo("/v3");
        assertThatThrownBy(() -> policy.check("https://api.myappliedproducts.com.evil.example", "applied-epic"))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> policy.check("https://evil.example/WSAPIService.svc", "ams360"))
                .isInstanceOf(EgressRefusedException.class);
        assertThat(policy.vendorFixesHosts("applied-epic")).isTrue();
        assertThat(policy.vendorFixesHosts("generic-rest")).isFalse();
    }

    @Test
    void loopbackIsReachableOnlyAtTheExactSandboxSimulatorsAndOnlyWhileTheSettingIsOn() throws Exception {
        assertThatThrownBy(() -> policy.resolve("localhost", 5555)).isInstanceOf(RefusedAddressException.class);
        policy.allowSandboxSimulator("http://127.0.0.1:5555");
        assertThat(policy.resolve("127.0.0.1", 5555)).hasSize(1);
        assertThat(policy.check("http://127.0.0.1:5555/v1/auth/connect/token", "applied-epic")).isNotNull();
        assertThatThrownBy(() -> policy.resolve("127.0.0.1", 5556)).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> policy.check("http://127.0.0.1:5556", "generic-rest")).isInstanceOf(EgressRefusedException.class);

        EgressPolicy production = new EgressPolicy(properties(false, Duration.ofSeconds(5)));
        production.allowSandboxSimulator("http://127.0.0.1:5555");
        assertThatThrownBy(() -> production.resolve("127.0.0.1", 5555)).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void aHungAmsEndsInATimeoutInsteadOfHoldingTheThread() throws Exception {
        try (LoopbackTarget hung = LoopbackTarget.silent()) {
            EgressProperties shortWait = properties(true, Duration.ofMillis(300));
            EgressPolicy sandbox = new EgressPolicy(shortWait);
            sandbox.allowSandboxSimulator("http://127.0.0.1:" + hung.port());
            try (CloseableHttpClient client = new EgressHttpClients().egressHttpClient(sandbox, shortWait)) {
                assertThatThrownBy(() -> client.execute(new HttpGet("http://127.0.0.1:" + hung.port() + "/"), r -> r.getCode()))
                        .isInstanceOf(SocketTimeoutException.class);
            }
            assertThat(hung.connections()).isEqualTo(1);
        }
    }
}
