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
    Map<String, Object> view(UUID orgId) {
        var setting = analyses.setting(orgId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", setting.map(CallAnalyses.Setting::enabled).orElse(false));
        view.put("keySet", setting.map(s -> s.sealedKey() != null).orElse(false));
        view.put("keyRefusedAt", setting.map(CallAnalyses.Setting::keyRefusedAt).map(Object::toString).orElse(null));
        view.put("model", properties.model());
        view.put("dailyTokenBudget", properties.dailyTokenBudget());
        view.put("tokensSpentToday", analyses.tokensSpent(orgId, CallAnalyses.today(clock.instant())));
        view.put("analysesLast24Hours", analyses.countsSince(orgId, clock.instant().minus(Duration.ofDays(1))));
        return view;
    }
}
