package com.callintel.hub.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.ams.AmsConnectionRepository;
import com.callintel.hub.tenancy.ProviderAccountView;
import com.callintel.hub.tenancy.TenantRepository;
import org.springframework.stereotype.Component;

/**
 * The Settings page's setup checklist of an organization: a provider connected (one of its accounts has received a
 * webhook), the AMS connected (its last "Test connection" passed), agents mapped, an alert mail set. Each item names
 * the page section that fixes it and says in a sentence what was seen or what is missing.
 */
@Component
class SetupChecklist {

    private final TenantRepository tenants;
    private final AmsConnectionRepository ams;
    private final AgentMappingRepository agents;

    SetupChecklist(TenantRepository tenants, AmsConnectionRepository ams, AgentMappingRepository agents) {
        this.tenants = tenants;
        this.ams = ams;
        this.agents = agents;
    }

    AdminBodies.SetupChecklistView of(UUID orgId) {
        return new AdminBodies.SetupChecklistView(List.of(provider(orgId), ams(orgId), agents(orgId), alertMail(orgId)));
    }

    private AdminBodies.SetupItem provider(UUID orgId) {
        List<ProviderAccountView> accounts = tenants.listProviderAccounts(orgId);
        Map<UUID, TenantRepository.LastWebhook> last = tenants.lastWebhooks(orgId);
        var latest = accounts.stream().filter(a -> last.containsKey(a.id()))
                .max(Comparator.comparing((ProviderAccountView a) -> last.get(a.id()).receivedAt()));
        if (latest.isPresent()) {
            TenantRepository.LastWebhook webhook = last.get(latest.get().id());
            return item("provider", true, "Last webhook from " + latest.get().provider() + " received "
                    + webhook.receivedAt() + " (" + webhook.status() + ").", "providers");
        }
        return item("provider", false, accounts.isEmpty()
                ? "No provider account yet: add one and paste its webhook URL into the provider's webhook settings."
                : "No webhook received yet: paste the webhook URL into the provider's webhook settings and make a call.",
                "providers");
    }

    private AdminBodies.SetupItem ams(UUID orgId) {
        if (ams.describe(orgId).isEmpty()) {
            return item("ams", false, "No AMS connection yet: enter the AMS credentials and test the connection.", "ams");
        }
        return ams.lastTest(orgId)
                .map(test -> test.ok()
                        ? item("ams", true, "Test connection passed " + test.at() + ".", "ams")
                        : item("ams", false, "The last Test connection failed (" + test.at() + "): check the credentials and test again.", "ams"))
                .orElseGet(() -> item("ams", false, "The AMS connection has not been tested since it was saved: run Test connection.", "ams"));
    }

    private AdminBodies.SetupItem agents(UUID orgId) {
        int mapped = agents.list(orgId).size();
        return mapped > 0
                ? item("agents", true, mapped + (mapped == 1 ? " agent mapping." : " agent mappings."), "team")
                : item("agents", false, "No agent mapped yet: map the provider users seen in your calls to your team.", "team");
    }

    private AdminBodies.SetupItem alertMail(UUID orgId) {
        return tenants.alertEmail(orgId)
                .map(mail -> item("alert-mail", true, "Alerts are mailed to " + mail + ".", "organization"))
                .orElseGet(() -> item("alert-mail", false, "No alert email set: operational alerts reach nobody.", "organization"));
    }

    private static AdminBodies.SetupItem item(String id, boolean done, String detail, String section) {
        return new AdminBodies.SetupItem(id, done, detail, section);
    }
}
