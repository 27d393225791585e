package com.callintel.hub.ams;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which AMS360 SearchByPhoneNumber hits are customers the hub may write to: those whose EntityType is one of the
 * accepted types (compared without case). AMS360 publishes no EntityType values (ams-contract-evidence §1 row 5),
 * so a type the configuration does not name is logged once per node, for an operator to add it if it denotes a
 * customer, instead of every lookup turning silently "unmatched".
 */
@Component
class Ams360EntityTypes {

    private static final Logger log = LoggerFactory.getLogger(Ams360EntityTypes.class);
    /** Distinct unknown types logged per node; an AMS answering ever new values cannot flood the log past this. */
    private static final int MAX_REPORTED = 100;
    private static final int MAX_LOGGED_LENGTH = 60;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The accepted types of a comma-separated list, lower-cased. */
    Set<String> accepted(String commaSeparated) {
        return Arrays.stream(String.valueOf(commaSeparated).split(","))
                .map(type -> type.trim().toLowerCase(Locale.ROOT)).filter(type -> !type.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a hit of {@code entityType} is a customer; an unknown type is logged the first time it is seen. */
    boolean isAccepted(String entityType, Set<String> accepted, AmsConnection ams) {
        String type = entityType == null ? "" : entityType.trim();
        if (accepted.contains(type.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String shown = type.replaceAll("[^\\p{Alnum} _.-]", "?");
        shown = shown.length() > MAX_LOGGED_LENGTH ? shown.substring(0, MAX_LOGGED_LENGTH) : shown;
        if (reported.size() < MAX_REPORTED && reported.add(shown.toLowerCase(Locale.ROOT))) {
            log.warn("AMS360 of org {} answered a search hit of EntityType '{}', which is not an accepted customer type {}: "
                    + "such hits are not offered as matches (add the type to customerEntityTypes if it denotes a customer)",
                    ams.orgId(), shown, accepted);
        }
        return false;
    }
}
