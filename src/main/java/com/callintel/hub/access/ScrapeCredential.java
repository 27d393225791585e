package com.callintel.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checks the scraper's HTTP Basic credential against {@code callintel.metrics.*}: a {@code {bcrypt}} hash by
 * BCrypt, a plain password in constant time. The one role it grants opens {@code /actuator/prometheus} only.
 */
final class ScrapeCredential implements AuthenticationManager {

    static final String ROLE = "METRICS_SCRAPER";
    private static final String BCRYPT = "{bcrypt}";

    private final byte[] user;
    private final String password;

    ScrapeCredential(MetricsScrapeProperties properties) {
        this.user = digest(properties.scrapeUser() == null ? "" : properties.scrapeUser());
        this.password = properties.scrapePassword() == null ? "" : properties.scrapePassword().trim();
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        String given = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        // both checks always run, so the answer's timing does not tell a right user name from a wrong one
        boolean userMatches = MessageDigest.isEqual(user, digest(name));
        if (!(passwordMatches(given) & userMatches)) {
            throw new BadCredentialsException("not the scrape credential");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    private boolean passwordMatches(String given) {
        if (password.isEmpty()) {
            return false;
        }
        if (password.startsWith(BCRYPT)) {
            return new BCryptPasswordEncoder().matches(given, password.substring(BCRYPT.length()));
        }
        return MessageDigest.isEqual(digest(password), digest(given));
    }

    /** Compared as digests: equal lengths, so the comparison does not reveal the secret's length either. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
