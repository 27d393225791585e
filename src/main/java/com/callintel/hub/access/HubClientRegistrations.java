package com.callintel.hub.access;

import java.util.function.Supplier;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The hub's one OpenID Connect client registration ({@value #ID}), read from the identity provider's discovery
 * document on first use: the development issuer's document lives on this hub's own port, known only once it
 * listens (as {@link HubJwtDecoder} waits for its JWKS).
 */
@Component
class HubClientRegistrations implements ClientRegistrationRepository {

    static final String ID = "hub";
    /** Where a browser starts the sign-in. */
    static final String SIGN_IN = "/oauth2/authorization/" + ID;

    private final Supplier<ClientRegistration> registration;

    HubClientRegistrations(AccessProperties access, BrowserSignInProperties client, Environment environment) {
        this.registration = SingletonSupplier.of(() -> {
            if (client.clientId() == null || client.clientId().isBlank()) {
                throw new IllegalStateException("Browser sign-in needs callintel.access.browser-sign-in.client-id "
                        + "(CALLINTEL_OIDC_CLIENT_ID): the hub's client at the identity provider");
            }
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            String issuer = access.issuer().replace("{port}", port);
            return ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(ID)
                    .clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .clientAuthenticationMethod(client.clientSecret().isEmpty() ? ClientAuthenticationMethod.NONE
                            : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(client.scopes())
                    .build();
        });
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return ID.equals(registrationId) ? registration.get() : null;
    }
}
