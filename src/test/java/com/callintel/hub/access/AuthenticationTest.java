package com.callintel.hub.access;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a valid, current token of the configured identity provider signs a member in; roles decide the rest. */
class AuthenticationTest extends HubIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    OrganizationIds organizationIds;

    @Test
    void noTokenIsRefused() {
        assertUnauthenticated(get("/api/calls"));
        assertUnauthenticated(get("/api/admin/organization"));
    }

    @Test
    void expiredTokenIsRefused() {
        TestTenant tenant = newTenant();
        String expired = identityProvider.sign(claims(tenant, "org:admin"), Duration.ofMinutes(-10));
        assertUnauthenticated(call("GET", "/api/calls", expired, null));
    }

    @Test
    void tokenSignedByAnUnknownKeyIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(identityProviderKeyLookalike()).generate();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(identityProvider.issuer())
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims(tenant, "org:admin").forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(), set.build());
        jwt.sign(new RSASSASigner(stranger));

        assertUnauthenticated(call("GET", "/api/calls", jwt.serialize(), null));
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        TestTenant tenant = newTenant();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer("https://clerk.evil.example")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims(tenant, "org:admin").forEach(set::claim);

        assertUnauthenticated(call("GET", "/api/calls", identityProvider.sign(set.build()), null));
    }

    @Test
    void tokenWithoutAnOrganizationIsRefused() {
        String orgless = identityProvider.sign(Map.of("sub", "user_x", "org_role", "org:admin"), Duration.ofMinutes(5));
        assertUnauthenticated(call("GET", "/api/calls", orgless, null));
    }

    @Test
    void tokenWithAnUnknownRoleIsRefused() {
        TestTenant tenant = newTenant();
        assertUnauthenticated(call("GET", "/api/calls", token(tenant, "org:guest"), null));
    }

    @Test
    void agentMayReadCallsButNotAdminEndpoints() {
        TestTenant tenant = newTenant();
        assertThat(call("GET", "/api/calls", agentToken(tenant), null).statusCode()).isEqualTo(200);

        HttpResponse<String> denied = call("GET", "/api/admin/organization", agentToken(tenant), null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(call("PUT", "/api/admin/agents", agentToken(tenant), "[]").statusCode()).isEqualTo(403);
    }

    @Test
    void adminMayUseAdminEndpoints() {
        TestTenant tenant = newTenant();
        HttpResponse<String> org = call("GET", "/api/admin/organization", adminToken(tenant), null);
        assertThat(org.statusCode()).isEqualTo(200);
        assertThat(org.body()).contains(tenant.orgId().toString());
    }

    @Test
    void developmentIssuerHandsOutWorkingTokensForTheDemoUsers() throws Exception {
        HttpResponse<String> issued = post("/dev/token?user=agent", new byte[0], Map.of());
        assertThat(issued.statusCode()).isEqualTo(200);
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued.body()).path("access_token").asText();

        assertThat(call("GET", "/api/calls", token, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/admin/organization", token, null).statusCode()).isEqualTo(403);
        assertThat(get("/dev/.well-known/jwks.json").body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"");
    }

    @Test
    void clerkTokenWithTheIdentityProvidersOrganizationIdReadsItsOrganizationsCalls() {
        TestTenant tenant = newTenant();
        String clerkOrg = clerkOrganizationId();
        organizationIds.link(clerkOrg, tenant.orgId());
        sendZoomCallFrom(tenant, "+15555550123", "7412000000000000777");

        HttpResponse<String> calls = call("GET", "/api/calls", clerkToken(clerkOrg, "org:admin", "http://localhost:3000"), null);

        assertThat(calls.statusCode()).as(calls.body()).isEqualTo(200);
        assertThat(calls.body()).contains("7412000000000000777");
        assertThat(call("GET", "/api/admin/organization", clerkToken(clerkOrg, "org:admin", null), null).body())
                .contains(tenant.orgId().toString());
    }

    @Test
    void clerkTokenOfAMemberOfAnOrganizationNoAdminHasSetUpIsRefusedWithAProblem() {
        HttpResponse<String> refused = call("GET", "/api/calls", clerkToken(clerkOrganizationId(), "org:member", null), null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("organization-not-set-up").contains("Your admin has not set up CallIntel yet")
                .doesNotContain("Exception");
    }

    @Test
    void tokenIssuedToAnotherAuthorizedPartyIsRefused() {
        TestTenant tenant = newTenant();
        String clerkOrg = clerkOrganizationId();
        organizationIds.link(clerkOrg, tenant.orgId());

        assertUnauthenticated(call("GET", "/api/calls", clerkToken(clerkOrg, "org:admin", "https://evil.example"), null));
    }

    @Test
    void organizationClaimThatIsNeitherOursNorTheIdentityProvidersIsRefused() {
        assertUnauthenticated(call("GET", "/api/calls", clerkToken("org_../../x", "org:admin", null), null));
        assertUnauthenticated(call("GET", "/api/calls", clerkToken("00000000-not-a-uuid", "org:admin", null), null));
    }

    /** An organization id shaped like Clerk's: org_ and 27 letters and digits. */
    private static String clerkOrganizationId() {
        return "org_2" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    /** A token shaped like a Clerk session token (v2 claims), with {@code azp} when given. */
    private String clerkToken(String clerkOrg, String role, String azp) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("sub", "user_2NNEqL2nrIRdJ194ndJqAHwEfxC",
                "org_id", clerkOrg, "org_role", role, "org_slug", "example-agency", "sid", "sess_2abc"));
        if (azp != null) {
            claims.put("azp", azp);
        }
        return identityProvider.sign(claims, Duration.ofMinutes(5));
    }

    private static Map<String, Object> claims(TestTenant tenant, String role) {
        return Map.of("sub", "user_" + tenant.orgId(), "org_id", tenant.orgId().toString(), "org_role", role);
    }

    /** A stranger may even reuse the real key's id: the signature still has to verify. */
    private String identityProviderKeyLookalike() {
        return "dev-lookalike";
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401").doesNotContain("Exception");
    }
}
