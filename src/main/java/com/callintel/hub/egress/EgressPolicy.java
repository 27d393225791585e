package com.callintel.hub.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one egress policy for every URL a tenant configures (AMS base URL, token URL): https only, no credentials,
 * query or fragment in it, the vendor's own hosts where the vendor fixes them, and never an internal address -
 * checked on the literal when the URL is saved and on every resolved address when a connection is opened (DNS
 * rebinding). Targets the operator configured, and the sandbox's loopback simulators when the setting allows
 * them, are exempt by exact host and port.
 */
@Component
public class EgressPolicy {

    private static final Logger log = LoggerFactory.getLogger(EgressPolicy.class);

    private final EgressProperties properties;
    private final Set<String> exempt = ConcurrentHashMap.newKeySet();

    EgressPolicy(EgressProperties properties) {
        this.properties = properties;
        for (String target : properties.trustedTargets()) {
            exempt.add(target(target));
        }
    }

    /**
     * Lets the hub reach one sandbox simulator ({@code baseUrl}, exact host and port) although it listens on
     * loopback - only while {@code callintel.egress.allow-sandbox-simulators} is on.
     */
    public void allowSandboxSimulator(String baseUrl) {
        if (!properties.allowSandboxSimulators()) {
            log.warn("Sandbox simulator {} stays unreachable: callintel.egress.allow-sandbox-simulators is off", baseUrl);
            return;
        }
        exempt.add(target(baseUrl));
    }

    /** Whether {@code type} has fixed vendor hosts: then its token endpoint is the vendor's too, not the tenant's. */
    public boolean vendorFixesHosts(String amsType) {
        return !properties.vendorHosts().getOrDefault(amsType, List.of()).isEmpty();
    }

    /** Whether the URL names an exempt target (an operator's or a sandbox simulator's host and port). */
    public boolean isExempt(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && exempt.contains(key(uri.getHost(), port(uri)));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Checks a tenant-configured URL for an AMS of {@code amsType} before it is saved or used; the URL as it will
     * be called. {@link EgressRefusedException} says which rule it breaks.
     */
    public URI check(String url, String amsType) {
        return check(url, amsType, properties.vendorHosts().getOrDefault(amsType, List.of()));
    }

    private URI check(String url, String vendor, List<String> vendorHosts) {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (exempt.contains(key(host, port(uri)))) {
            return uri;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new EgressRefusedException("must be an https URL");
        }
        if (!vendorHosts.isEmpty() && !vendorHosts.contains(host)) {
            throw new EgressRefusedException("must name one of " + vendor + "'s hosts " + vendorHosts);
        }
        if (isLiteralAddress(host)) {
            literal(host).flatMap(InternalAddresses::classify).ifPresent(kind -> {
                throw new EgressRefusedException("must not name an internal address (" + kind + ")");
            });
        } else if ("localhost".equals(host) || host.endsWith(".localhost")) {
            throw new EgressRefusedException("must not name an internal address (loopback address)");
        }
        return uri;
    }

    /**
     * A link a provider sent in a webhook (a transcript's download URL), checked like a tenant's URL against the
     * provider's own {@code hosts}, and rebuilt from its parts: scheme, host, port and each path segment as one
     * checked segment ({@link PathSegments}), so nothing but a plain path to the provider's host is ever called.
     * An operator's trusted target is no exception (it would receive the provider's token); a sandbox simulator is,
     * while the setting allows them.
     */
    public URI checkProviderLink(String url, String provider, List<String> hosts) {
        URI checked = check(url, provider, hosts);
        if (!properties.allowSandboxSimulators() && !hosts.contains(checked.getHost().toLowerCase(Locale.ROOT))) {
            throw new EgressRefusedException("must name one of " + provider + "'s hosts " + hosts);
        }
        StringBuilder path = new StringBuilder();
        for (String segment : checked.getRawPath().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/').append(PathSegments.of("a segment of the link's path", segment));
            }
        }
        return URI.create(checked.getScheme().toLowerCase(Locale.ROOT) + "://" + checked.getRawAuthority() + path);
    }

    /**
     * {@link #check} for a URL an admin is saving, plus a look at what its host resolves to now: an internal
     * address is refused at once (the connect-time check still guards against the name changing later).
     */
    public URI checkForSaving(String url, String amsType) {
        URI uri = check(url, amsType);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (exempt.contains(key(host, port(uri))) || isLiteralAddress(host)) {
            return uri;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                InternalAddresses.classify(address).ifPresent(kind -> {
                    throw new EgressRefusedException("must not name a host that resolves to an internal address (" + kind + ")");
                });
            }
        } catch (UnknownHostException e) {
            // not resolvable now: nothing to judge yet; every connection is checked when it is opened
        }
        return uri;
    }

    /**
     * The addresses of {@code host} the hub may connect to on {@code port}: every address it resolves to must be
     * public, or the connection is refused before it is opened. Called by the HTTP clients' DNS resolver.
     */
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        boolean exemptTarget = exempt.contains(key(host, port));
        List<InetSocketAddress> allowed = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            if (!exemptTarget) {
                Optional<String> kind = InternalAddresses.classify(address);
                if (kind.isPresent()) {
                    log.warn("Egress refused: {} port {} resolves to {} ({})", host, port, address.getHostAddress(), kind.get());
                    throw new RefusedAddressException("egress refused: the host resolves to an internal address (" + kind.get() + ")");
                }
            }
            allowed.add(new InetSocketAddress(address, port));
        }
        return allowed;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new EgressRefusedException("must be an https URL");
        }
        // "{" and "}" are not URL characters; refused outright so no Camel placeholder can ride along
        if (url.contains("{") || url.contains("}") || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            throw new EgressRefusedException("must be a plain URL (no braces, spaces or control characters)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("must be an https URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new EgressRefusedException("must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new EgressRefusedException("must not carry credentials (user:password@)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new EgressRefusedException("must not carry a query or a fragment");
        }
        return uri;
    }

    private static boolean isLiteralAddress(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+") || host.contains(":")
                || host.matches("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+))*");
    }

    private static Optional<InetAddress> literal(String host) {
        try {
            // a literal never goes to DNS; odd forms (0x7f.1, 2130706433) are read as the resolver would
            return Optional.of(InetAddress.getByName(host.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("must name a host");
        }
    }

    private static String target(String urlOrHostPort) {
        String value = urlOrHostPort.trim();
        if (value.contains("://")) {
            URI uri = URI.create(value);
            return key(uri.getHost(), port(uri));
        }
        int colon = value.lastIndexOf(':');
        return key(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String key(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
