package com.callintel.hub.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The DNS resolver of every outbound HTTP client: Apache HttpClient asks it for the addresses of the host and port
 * it is about to connect to, and it hands back only addresses the {@link EgressPolicy} allows - the check a
 * hostname that resolves to 127.0.0.1 tomorrow cannot get past.
 */
class GuardedDnsResolver implements DnsResolver {

    private final EgressPolicy policy;

    GuardedDnsResolver(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return policy.resolve(host, port);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        // only reached by callers that do not know the port: no exemption applies, every address is checked
        return policy.resolve(host, 0).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
