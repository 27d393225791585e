package com.callintel.hub.connectors;

import java.util.List;

/**
 * What an admin needs to connect a provider, from its connector file: the provider's name and what the connector
 * does ({@code spec.definition.title}, {@code description}), the steps in the provider's own admin
 * ({@code callintel.io/setup-steps}: where to paste the webhook URL, which events to tick, where the secret comes
 * from) and the provider events to subscribe to ({@code callintel.io/setup-events}). A connector file without
 * steps gets {@link #GENERIC_STEPS}.
 */
public record ConnectorSetup(String title, String description, List<String> steps, List<String> events) {

    /** The steps of a connector file that names none: true for any provider, specific to none. */
    public static final List<String> GENERIC_STEPS = List.of(
            "Open the provider's webhook settings (an administrator of the provider account is needed).",
            "Add a webhook and paste the webhook URL shown here as its address.",
            "Subscribe it to the provider's call events (and SMS events, if you want texts logged).",
            "If the provider shows a signing secret or verification token for the webhook, set it here with Rotate secret.");

    public ConnectorSetup {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /** True when the connector file named its own steps. */
    public boolean specific() {
        return !steps.equals(GENERIC_STEPS);
    }
}
