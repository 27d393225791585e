package com.callintel.hub.egress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the hub may send requests on a tenant's behalf: the vendor hosts per AMS type, the operator-configured
 * targets that may sit on internal addresses, whether the sandbox's loopback simulators may be reached, and the
 * time limits of every outbound HTTP client.
 */
@ConfigurationProperties("callintel.egress")
public record EgressProperties(Map<String, List<String>> vendorHosts, List<String> trustedTargets,
                               boolean allowSandboxSimulators, Duration connectTimeout, Duration responseTimeout,
                               int maxConnections) {

    public EgressProperties {
        TreeMap<String, List<String>> hosts = new TreeMap<>();
        if (vendorHosts != null) {
            vendorHosts.forEach((type, list) -> hosts.put(type, list.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        vendorHosts = hosts;
        trustedTargets = trustedTargets == null ? List.of() : trustedTargets.stream().filter(t -> t != null && !t.isBlank()).toList();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
        maxConnections = maxConnections <= 0 ? 50 : maxConnections;
    }
}
