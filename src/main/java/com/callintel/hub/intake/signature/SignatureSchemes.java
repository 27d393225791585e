package com.callintel.hub.intake.signature;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.IntakeProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The proof of each connector: one of the parameterised families, built from the connector file's
 * {@code callintel.io/signature-*} annotations, or a provider's own scheme by name.
 * <ul>
 * <li>{@code shared-token}: the secret itself in a header or at a JSON pointer in the body (removed before storing);
 * <li>{@code hmac}: an HMAC over a declared template, in a header, with an optional timestamp and replay window;
 * <li>{@code jwt}: an HS256 JWT as the body or as a bearer token bound to the body by a hash claim;
 * <li>{@code endpoint-key}: nothing signed, the endpoint key in the URL is the proof;
 * <li>{@code vonage-jwt}: Vonage's bearer JWT with single-use token ids (a provider's own scheme).
 * </ul>
 */
@Component
public class SignatureSchemes {

    /** The families a connector file parameterises; a provider's own scheme must not take one of these names. */
    public static final Set<String> FAMILIES = Set.of(SharedTokenProof.NAME, HmacProof.NAME, JwtProof.NAME);

    private final Map<String, SignatureScheme> byName;
    private final IntakeProperties properties;
    /** Reads the events proofs parse themselves (a JWT's claims), with the hub's JSON limits. */
    private final ObjectMapper events;
    /** Per provider, the scheme built for the version of its connector file in use (compared by identity: cheap per request). */
    private final Map<String, Built> byProvider = new ConcurrentHashMap<>();

    private record Built(VoipConnector connector, SignatureScheme scheme) {
    }

    @Autowired
    SignatureSchemes(List<SignatureScheme> schemes, IntakeProperties properties, ObjectMapper events) {
        this.byName = schemes.stream().collect(Collectors.toUnmodifiableMap(SignatureScheme::name, Function.identity()));
        this.properties = properties;
        this.events = events;
    }

    SignatureSchemes(List<SignatureScheme> schemes, IntakeProperties properties) {
        this(schemes, properties, new ObjectMapper());
    }

    /**
     * Every scheme with default intake limits, outside a running hub: for signing samples (sample sender, connector
     * check, tests), where the replay window and single-use ids do not matter.
     */
    public static SignatureSchemes standalone() {
        IntakeProperties defaults = new IntakeProperties(Duration.ofMinutes(5), DataSize.ofKilobytes(256), 200, 100, 5,
                Duration.ofDays(30), 5, 10, 100, 1000, Duration.ofDays(365));
        return new SignatureSchemes(List.of(new EndpointKeySignature(),
                new VonageJwtSignature(defaults, new SpentTokenIds(defaults))), defaults);
    }

    /**
     * The proof this connector file declares, built once per version of the file.
     *
     * @throws IllegalStateException naming the file and annotation when the scheme is unknown or its parameters wrong
     */
    public SignatureScheme of(VoipConnector connector) {
        Built built = byProvider.get(connector.provider());
        if (built == null || built.connector() != connector) {
            built = new Built(connector, build(connector));
            byProvider.put(connector.provider(), built);
        }
        return built.scheme();
    }

    private SignatureScheme build(VoipConnector connector) {
        String name = connector.signatureScheme();
        return switch (name) {
            case SharedTokenProof.NAME -> new SharedTokenProof(connector);
            case HmacProof.NAME -> new HmacProof(connector, properties.replayWindow());
            case JwtProof.NAME -> new JwtProof(connector, properties.replayWindow(), properties.maxEventAge(), events);
            default -> {
                SignatureScheme scheme = byName.get(name);
                if (scheme == null) {
                    throw new IllegalStateException(connector.file() + ": signature '" + name + "' is not a scheme the hub has;"
                            + " families: " + FAMILIES + ", providers' own: " + byName.keySet());
                }
                if (!connector.signatureParameters().isEmpty()) {
                    throw new IllegalStateException(connector.file() + ": signature '" + name + "' takes no "
                            + ProofParameters.PREFIX + "* parameters (only the families " + FAMILIES + " do)");
                }
                yield scheme;
            }
        };
    }

    /** A provider's own scheme by name (not a family: those exist per connector). */
    public SignatureScheme get(String name) {
        SignatureScheme scheme = byName.get(name);
        if (scheme == null) {
            throw new IllegalStateException("no signature scheme named '" + name + "'; known: " + byName.keySet());
        }
        return scheme;
    }

    public boolean knows(String name) {
        return FAMILIES.contains(name) || byName.containsKey(name);
    }
}
