package com.callintel.hub.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells whether an address is internal: one a tenant's URL must never reach (this machine, loopback, link-local
 * and cloud metadata, private and unique-local ranges, CGNAT, multicast, reserved), including IPv4 addresses
 * embedded in IPv6 forms (mapped, compatible, NAT64, 6to4).
 */
public final class InternalAddresses {

    private InternalAddresses() {
    }

    /** The class of internal address {@code address} belongs to, or empty for a public address. */
    public static Optional<String> classify(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            Optional<String> v6 = ipv6(b);
            if (v6.isPresent()) {
                return v6;
            }
        }
        return thisMachine(address);
    }

    private static Optional<String> ipv4(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0) {
            return Optional.of("unspecified address");
        }
        if (first == 100 && (second & 0xC0) == 64) {
            return Optional.of("shared (CGNAT) address");
        }
        if (first == 192 && second == 0 && (b[2] & 0xFF) == 0) {
            return Optional.of("reserved address");
        }
        if (first == 198 && (second & 0xFE) == 18) {
            return Optional.of("reserved address");
        }
        if (first >= 240) {
            return Optional.of("reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        int first = b[0] & 0xFF;
        if ((first & 0xFE) == 0xFC) {
            return Optional.of("private address");
        }
        // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped): the IPv4 address is what is reached
        boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF))) {
            return embedded(Arrays.copyOfRange(b, 12, 16));
        }
        // 64:ff9b::a.b.c.d (NAT64)
        if (first == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            return embedded(Arrays.copyOfRange(b, 12, 16));
        }
        // 2002:a.b.c.d::/48 (6to4)
        if (first == 0x20 && (b[1] & 0xFF) == 0x02) {
            return embedded(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] ipv4) {
        try {
            InetAddress inner = InetAddress.getByAddress(ipv4);
            return classify(inner).map(kind -> kind + " (embedded in IPv6)");
        } catch (UnknownHostException e) {
            return Optional.of("malformed address");
        }
    }

    /** The hub's own interfaces, whatever their range: the hub never calls itself on a tenant's behalf. */
    private static Optional<String> thisMachine(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null ? Optional.of("address of the hub itself") : Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
