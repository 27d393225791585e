package com.callintel.hub.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scrape credential admits its user and password only, hashed or plain, and nobody while no password is set. */
class ScrapeCredentialTest {

    @Test
    void noPasswordConfiguredRefusesEveryScrape() {
        for (String unset : new String[] {null, "", "  "}) {
            ScrapeCredential credential = new ScrapeCredential(new MetricsScrapeProperties("prometheus", unset));
            assertThatThrownBy(() -> credential.authenticate(attempt("prometheus", ""))).isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void bcryptHashAdmitsItsPasswordOnly() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");
        ScrapeCredential credential = new ScrapeCredential(new MetricsScrapeProperties("prometheus", hash));

        var admitted = credential.authenticate(attempt("prometheus", "s3cret"));
        assertThat(admitted.isAuthenticated()).isTrue();
        assertThat(admitted.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_" + ScrapeCredential.ROLE);
        assertThatThrownBy(() -> credential.authenticate(attempt("prometheus", "S3cret"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credential.authenticate(attempt("prometheus", hash))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credential.authenticate(attempt("admin", "s3cret"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void plainPasswordAdmitsItselfOnly() {
        ScrapeCredential credential = new ScrapeCredential(new MetricsScrapeProperties("prometheus", "s3cret"));

        assertThat(credential.authenticate(attempt("prometheus", "s3cret")).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> credential.authenticate(attempt("prometheus", "s3cre"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credential.authenticate(attempt("prometheus", "s3cret "))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credential.authenticate(attempt("Prometheus", "s3cret"))).isInstanceOf(BadCredentialsException.class);
    }

    private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
