package com.callintel.hub.egress;

import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound HTTP clients, all behind the {@link GuardedDnsResolver} and all with connect and read time limits:
 * the connection manager Camel's http component uses ({@code camel.component.http.client-connection-manager}) and
 * the client the Java AMS calls use (token fetch, AMS360 SOAP). Neither follows redirects.
 */
@Configuration(proxyBeanMethods = false)
class EgressHttpClients {

    /** Connections of Camel's http component (connector files): every resolved address is checked. */
    @Bean(destroyMethod = "close")
    PoolingHttpClientConnectionManager egressConnectionManager(EgressPolicy policy, EgressProperties properties) {
        return connectionManager(policy, properties);
    }

    /** The client of the Java AMS calls (AmsTokens, Ams360Soap): same resolver, same limits, no redirects. */
    @Bean(destroyMethod = "close")
    CloseableHttpClient egressHttpClient(EgressPolicy policy, EgressProperties properties) {
        return HttpClients.custom()
                .setConnectionManager(connectionManager(policy, properties))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(properties.responseTimeout()))
                        .setConnectionRequestTimeout(timeout(properties.connectTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    private static PoolingHttpClientConnectionManager connectionManager(EgressPolicy policy, EgressProperties properties) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(properties.connectTimeout()))
                        .setSocketTimeout(timeout(properties.responseTimeout()))
                        .build())
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnections())
                .build();
    }

    private static Timeout timeout(java.time.Duration duration) {
        return Timeout.of(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
