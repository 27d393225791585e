package com.callintel.hub.egress;

import java.net.UnknownHostException;

/**
 * Thrown at connect time when a host name resolves to an address the egress policy refuses (loopback, private,
 * link-local, ...). It is an {@link UnknownHostException} because that is what an HTTP client's DNS resolver may
 * throw: the connection is never opened.
 */
public class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String message) {
        super(message);
    }
}
