package com.callintel.hub.access;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding: the first admin of an identity-provider organization the hub does not know creates it by signing in
 * (named from the token, default region and time zone, audited); its agents are told their admin has not set it up.
 */
class OnboardingTest extends HubIntegrationTest {

    @Autowired
    OrganizationIds organizationIds;

    @Test
    void firstAdminOfAnUnknownOrganizationCreatesItFromTheTokensClaims() {
        String external = newExternalOrganization();
        HttpResponse<String> organization = call("GET", "/api/admin/organization",
                token(external, "user_2founder", "org:admin", "Harbor Point Insurance"), null);

        assertThat(organization.statusCode()).as(organization.body()).isEqualTo(200);
        UUID orgId = organizationIds.internalId(external).orElseThrow();
        assertThat(organization.body()).contains(orgId.toString()).contains("Harbor Point Insurance");
        assertThat(jdbc.sql("select name, default_region, time_zone from organization where id = :id").param("id", orgId)
                .query().singleRow()).containsEntry("name", "Harbor Point Insurance").containsEntry("default_region", "US")
                .containsEntry("time_zone", "America/Chicago");
        assertThat(jdbc.sql("select user_id, role, action, target, status from audit_log where org_id = :id and action = 'organization.onboarded'")
                .param("id", orgId).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("user_id", "user_2founder").containsEntry("role", "admin").containsEntry("status", 201);
                    assertThat(row.get("target").toString()).contains(external);
                });

        // the organization's agents are members from now on
        assertThat(call("GET", "/api/calls", token(external, "user_2agent", "org:member", null), null).statusCode()).isEqualTo(200);
    }

    @Test
    void organizationWithoutANameClaimIsNamedBySlugAndCreatedOnceByConcurrentFirstSignIns() throws Exception {
        String external = newExternalOrganization();
        Map<String, Object> claims = Map.of("sub", "user_2founder", "org_id", external, "org_role", "org:admin",
                "org_slug", "lakeside-agency");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> signIns = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                signIns.add(() -> call("GET", "/api/calls", identityProvider.sign(claims, Duration.ofMinutes(5)), null).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(signIns)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        UUID orgId = organizationIds.internalId(external).orElseThrow();
        assertThat(jdbc.sql("select name from organization where id = :id").param("id", orgId).query(String.class).single())
                .isEqualTo("lakeside-agency");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'organization.onboarded' and target like :t")
                .param("t", "%" + external + "%").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void agentOfAnOrganizationNoAdminHasSetUpIsToldSoAndNothingIsCreated() {
        String external = newExternalOrganization();
        HttpResponse<String> refused = call("GET", "/api/calls", token(external, "user_2agent", "org:member", "Not Yet Agency"), null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("organization-not-set-up").contains("Your admin has not set up CallIntel yet");
        assertThat(organizationIds.internalId(external)).isEmpty();
        assertThat(jdbc.sql("select count(*) from organization where name = 'Not Yet Agency'").query(Long.class).single()).isZero();
    }

    static String newExternalOrganization() {
        return "org_2" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private String token(String external, String user, String role, String name) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("sub", user, "org_id", external, "org_role", role,
                "email", user + "@example.test"));
        if (name != null) {
            claims.put("org_name", name);
        }
        return identityProvider.sign(claims, Duration.ofMinutes(5));
    }
}
