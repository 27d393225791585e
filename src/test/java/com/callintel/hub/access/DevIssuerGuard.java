package com.callintel.hub.access;

import java.net.URI;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the hub when the development identity provider is on where real data may live: against an
 * external database, or next to a configured (real) issuer. It runs on the environment, before any bean exists,
 * so nothing (no Flyway migration, no demo organization) ever touches that database. The development issuer
 * hands anyone a token for any demo user, so the only safe place for it is the sandbox's embedded database.
 * Registered in the test tree's META-INF/spring.factories: the production jar holds neither the issuer nor this.
 */
public class DevIssuerGuard implements EnvironmentPostProcessor, Ordered {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("callintel.access.dev-issuer.enabled", Boolean.class, false)) {
            return;
        }
        String database = environment.getProperty("spring.datasource.url", "");
        boolean sharedTestDatabase = environment.getProperty("callintel.access.dev-issuer.allow-external-database", Boolean.class, false);
        if (!database.isBlank() && !sharedTestDatabase) {
            throw refused("an external database is configured (spring.datasource.url / CALLINTEL_DB_URL)");
        }
        String issuer = environment.getProperty("callintel.access.issuer", "");
        if (!isDevelopmentIssuer(issuer)) {
            throw refused("a real identity provider is configured (callintel.access.issuer / CALLINTEL_JWT_ISSUER = " + issuer + ")");
        }
        String jwks = environment.getProperty("callintel.access.jwks-uri", "");
        if (!isDevelopmentIssuer(jwks)) {
            throw refused("a real JWKS is configured (callintel.access.jwks-uri / CALLINTEL_JWKS_URI = " + jwks + ")");
        }
    }

    /** The development issuer lives on this hub's own loopback port, under /dev. */
    static boolean isDevelopmentIssuer(String url) {
        try {
            URI uri = URI.create(url.replace("{port}", "0"));
            return "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost()) && uri.getPath() != null
                    && (uri.getPath().equals("/dev") || uri.getPath().startsWith("/dev/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IllegalStateException refused(String reason) {
        return new IllegalStateException("The development identity provider (callintel.access.dev-issuer.enabled, on in "
                + "the sandbox run) hands out tokens to anyone, and " + reason + ". Refusing to start: run the production "
                + "jar against a real database, or drop the database URL and issuer for the sandbox run. The demo "
                + "organization was not seeded.");
    }

    @Override
    public int getOrder() {
        // after Spring Boot has read config/application.yaml and the profile files
        return Ordered.LOWEST_PRECEDENCE;
    }
}
