package com.callintel.hub.screenpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.callintel.hub.access.HubUser;
import com.callintel.hub.access.Role;
import com.callintel.hub.tenancy.SecretVault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use tickets that open an agent's event stream: EventSource cannot send a bearer token, and a token in a
 * URL would end up in access logs. Only a ticket's SHA-256 is stored, so any hub node can redeem it. A ticket is
 * sealed by the vault (AES-GCM, with its expiry inside): a made-up, altered or expired ticket is refused by any
 * node without a database round trip, so an unauthenticated flood of tickets costs the database nothing.
 */
@Repository
class StreamTickets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The vault context of a ticket's seal: a value sealed for anything else never opens as a ticket. */
    private static final String SEAL_CONTEXT = "screen-pop-ticket";
    /** A sealed ticket is about 130 URL-safe characters; anything longer or of other characters is not one. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{40,256}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ScreenPopProperties properties;
    private final SecretVault vault;
    private final Counter lookups;

    StreamTickets(JdbcClient jdbc, Clock clock, ScreenPopProperties properties, SecretVault vault, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.vault = vault;
        this.lookups = Counter.builder("callintel.screenpop.ticket.lookups")
                .description("Stream tickets looked up in the database (only tickets the hub itself sealed, unexpired)")
                .register(meters);
    }

    /** A new ticket for {@code user}, valid once within the ticket lifetime. */
    String issue(HubUser user) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Instant expires = clock.instant().plus(properties.ticketLifetime());
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + ":" + expires.getEpochSecond();
        String ticket = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(vault.seal(secret, SEAL_CONTEXT).getBytes(StandardCharsets.US_ASCII));
        jdbc.sql("""
                insert into screen_pop_ticket (org_id, ticket_hash, user_id, email, role, expires_at)
                values (:org, :hash, :user, :email, :role, :expires)
                """)
                .param("org", user.orgId()).param("hash", hash(ticket)).param("user", user.userId())
                .param("email", user.email()).param("role", user.role().name())
                .param("expires", Timestamp.from(expires))
                .update();
        return ticket;
    }

    /** The user the ticket was issued to, if it is unused and unexpired; it is used up either way. */
    Optional<HubUser> redeem(String ticket) {
        if (!sealedAndFresh(ticket)) {
            return Optional.empty();
        }
        lookups.increment();
        // the ticket is the only thing the caller holds: found by its hash alone, then the row names the org
        return jdbc.sql("""
                delete from screen_pop_ticket where ticket_hash = :hash
                returning org_id, user_id, email, role, expires_at > :now as fresh
                """)
                .param("hash", hash(ticket)).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> rs.getBoolean("fresh") ? new HubUser(rs.getString("user_id"), rs.getString("email"),
                        rs.getObject("org_id", UUID.class), Role.valueOf(rs.getString("role"))) : null)
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /** Whether the hub sealed this ticket and it has not expired: decided without the database. */
    boolean sealedAndFresh(String ticket) {
        if (ticket == null || !FORMAT.matcher(ticket).matches()) {
            return false;
        }
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(ticket), StandardCharsets.US_ASCII);
            String secret = vault.open(sealed, SEAL_CONTEXT);
            long expires = Long.parseLong(secret.substring(secret.lastIndexOf(':') + 1));
            return clock.instant().getEpochSecond() <= expires;
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException notOurs) {
            return false;
        }
    }

    /** Deletes expired tickets; returns how many. */
    int purgeExpired() {
        return jdbc.sql("delete from screen_pop_ticket where expires_at < :now")
                .param("now", Timestamp.from(clock.instant())).update();
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
