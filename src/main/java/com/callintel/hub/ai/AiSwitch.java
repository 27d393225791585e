package com.callintel.hub.ai;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.tenancy.SecretVault;
import org.springframework.stereotype.Component;

/**
 * An organization's AI analysis switch and its Anthropic API key (sealed in the vault; it comes out only to the
 * analyst). Off by default; on needs a key. A new key is trusted again after a refused one.
 */
@Component
public class AiSwitch {

    private final CallAnalyses analyses;
    private final SecretVault vault;
    private final AiProperties properties;
    private final Clock clock;

    AiSwitch(CallAnalyses analyses, SecretVault vault, AiProperties properties, Clock clock) {
        this.analyses = analyses;
        this.vault = vault;
        this.properties = properties;
        this.clock = clock;
    }

    static String keyContext(UUID orgId) {
        return "ai_setting:" + orgId + ":api_key";
    }

    /** Sets the switch, with a new key or ({@code apiKey} null) the one already set; false if on would lack a key. */
    public boolean set(UUID orgId, boolean enabled, String apiKey) {
        boolean hasKey = apiKey != null || analyses.setting(orgId).map(s -> s.sealedKey() != null).orElse(false);
        if (enabled && !hasKey) {
            return false;
        }
        analyses.saveSetting(orgId, enabled, apiKey == null ? null : vault.seal(apiKey, keyContext(orgId)));
        return true;
    }

    String key(CallAnalyses.Setting setting) {
        return vault.open(setting.sealedKey(), keyContext(setting.orgId()));
    }

    /** What the admins see: never the key, only whether one is set and whether it was refused. */
    View view(UUID orgId) {
        var setting = analyses.setting(orgId);
        return new View(setting.map(CallAnalyses.Setting::enabled).orElse(false),
                setting.map(s -> s.sealedKey() != null).orElse(false),
                setting.map(CallAnalyses.Setting::keyRefusedAt).map(Object::toString).orElse(null),
                properties.model(), properties.dailyTokenBudget(),
                analyses.tokensSpent(orgId, CallAnalyses.today(clock.instant())),
                analyses.countsSince(orgId, clock.instant().minus(Duration.ofDays(1))));
    }

    /** The AI analysis setting as GET and PUT /api/admin/ai answer it. */
    record View(boolean enabled, boolean keySet, String keyRefusedAt, String model, long dailyTokenBudget,
                long tokensSpentToday, Map<String, Long> analysesLast24Hours) {
    }
}
