package com.callintel.hub.egress;

/**
 * A tenant-configured URL the egress policy will not call (wrong scheme, credentials in it, a host off the
 * vendor's list, an internal address). The message names the rule, never what lives at the address.
 */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String reason) {
        super(reason);
    }
}
