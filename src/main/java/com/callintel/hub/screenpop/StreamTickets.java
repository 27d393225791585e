package com.callintel.hub.screenpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.access.HubUser;
import com.callintel.hub.access.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use tickets that open an agent's event stream: EventSource cannot send a bearer token, and a token in a
 * URL would end up in access logs. Only a ticket's SHA-256 is stored, so any hub node can redeem it.
 */
@Repository
class StreamTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ScreenPopProperties properties;

    StreamTickets(JdbcClient jdbc, Clock clock, ScreenPopProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new ticket for {@code user}, valid once within the ticket lifetime. */
    String issue(HubUser user) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                insert into screen_pop_ticket (org_id, ticket_hash, user_id, email, role, expires_at)
                values (:org, :hash, :user, :email, :role, :expires)
                """)
                .param("org", user.orgId()).param("hash", hash(ticket)).param("user", user.userId())
                .param("email", user.email()).param("role", user.role().name())
                .param("expires", Timestamp.from(clock.instant().plus(properties.ticketLifetime())))
                .update();
        return ticket;
    }

    /** The user the ticket was issued to, if it is unused and unexpired; it is used up either way. */
    Optional<HubUser> redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return Optional.empty();
        }
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
