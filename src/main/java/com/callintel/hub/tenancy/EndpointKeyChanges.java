package com.callintel.hub.tenancy;

import com.callintel.hub.store.PostgresListener;
import com.callintel.hub.store.SessionConnections;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Empties this node's endpoint-key cache whenever any node changes a provider account (the provider_account
 * trigger NOTIFYs, V13), so a rotated or deleted key stops working everywhere at once - an organization's erasure
 * included. While the listening connection is broken, the cache's time-to-live bounds how long a change waits.
 */
@Component
class EndpointKeyChanges implements SmartLifecycle {

    static final String CHANNEL = "callintel_provider_account";

    private final PostgresListener listener;

    EndpointKeyChanges(SessionConnections sessions, TenantRepository tenants) {
        this.listener = new PostgresListener(sessions, CHANNEL, notifications -> tenants.forgetCachedEndpointKeys());
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
