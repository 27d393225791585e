package com.callintel.hub.ai;

import java.util.UUID;

import com.callintel.hub.tenancy.TenantRepository;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The alert mails of AI analysis, to the organization's alert address: its API key was refused (analyses stopped),
 * or its daily token budget is spent (analyses wait for tomorrow). They name no call, caller or text.
 */
@Component
class AiAlerts {

    static final String KIND = "CallIntelAiAlert";

    enum Kind { KEY_REFUSED, BUDGET_SPENT }

    private final TenantRepository tenants;
    private final AiProperties properties;

    AiAlerts(TenantRepository tenants, AiProperties properties) {
        this.tenants = tenants;
        this.properties = properties;
    }

    /** Fills the mail; leaves the exchange without a recipient when the organization has no alert address. */
    void compose(Exchange exchange) {
        UUID orgId = exchange.getMessage().getBody(UUID.class);
        Kind kind = exchange.getMessage().getHeader(KIND, Kind.class);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        tenants.alertEmail(orgId).ifPresent(to -> message.setHeader("To", to));
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        if (kind == Kind.KEY_REFUSED) {
            message.setHeader("Subject", "CallIntel: AI call analysis stopped, your Anthropic API key was refused");
            message.setBody("""
                    Anthropic refused your organization's API key, so the hub stopped analysing calls. The calls'
                    notes are still written to your AMS, without the AI summary, intent, sentiment and actions.

                    Set a valid key on the Settings page (AI analysis) or with:
                      PUT /api/admin/ai   {"enabled": true, "apiKey": "sk-ant-…"}   (as an organization admin)
                    """);
        } else {
            message.setHeader("Subject", "CallIntel: today's AI token budget is spent");
            message.setBody("""
                    Your organization used its daily budget of %,d tokens for AI call analysis. The calls' notes are
                    still written to your AMS; their analyses wait for tomorrow's budget (after midnight UTC); a transcript
                    purged before then is not analysed.
                    """.formatted(properties.dailyTokenBudget()));
        }
    }
}
