package com.callintel.hub.notices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import com.callintel.hub.notices.Incidents.IncidentView;
import com.callintel.hub.notices.Incidents.OrganizationTold;
import com.callintel.hub.notices.Incidents.Recipient;
import com.callintel.hub.notices.NoticeRequests.IncidentRequest;
import com.callintel.hub.notices.Policies.PolicyVersion;

/** The words of the notice mails: the breach notice to an organization's admins, the policy notice, the reminder. */
final class NoticeMails {

    private NoticeMails() {
    }

    /** The breach notice, with the four parts the operators recorded. */
    static NoticeMail breach(long incidentId, IncidentRequest incident, Recipient to) {
        return new NoticeMail(to.orgId(), incidentId, null,
                "CallIntel: a personal-data breach affecting " + to.name(), """
                CallIntel found a breach of personal data that affects your organization, %s.
                We discovered it at %s (UTC).

                What happened
                %s

                Data involved
                %s

                Mitigation taken
                %s

                Recommended actions
                %s

                Questions: open a support ticket in CallIntel (Support) and quote incident #%d.
                """.formatted(to.name(), incident.discoveredAt(), incident.whatHappened(), incident.dataInvolved(),
                        incident.mitigation(), incident.recommendedActions(), incidentId));
    }

    /** The policy-change notice, with the new text in full. */
    static NoticeMail policy(PolicyVersion version, Recipient to) {
        return new NoticeMail(to.orgId(), null, version.id(),
                "CallIntel: our privacy policy changes on " + version.effectiveDate(), """
                CallIntel publishes a new version of its privacy policy for %s.
                It takes effect on %s; until then the current version applies. From that day it is the one
                served at /privacy on the hub.

                The new version in full:

                %s
                """.formatted(to.name(), version.effectiveDate(), version.text()));
    }

    /** The operators' reminder of a breach some affected organizations have not yet been told of. */
    static NoticeMail reminder(IncidentView incident, Duration after, Instant now) {
        List<OrganizationTold> untold = incident.organizations().stream().filter(o -> o.toldAt() == null).toList();
        String lines = untold.stream().map(o -> "  - " + o.name() + " (" + o.orgId() + ")").collect(Collectors.joining("\n"));
        return new NoticeMail(null, incident.id(), null,
                "CallIntel: breach #" + incident.id() + " not yet told to " + untold.size() + " organization(s) after "
                        + after.toHours() + " h", """
                Breach #%d was discovered at %s (UTC); its deadline to tell them is %s (UTC), %d hour(s) from now.
                These affected organizations have not been told yet (no notice mail sent to their admins):

                %s

                See the incident on /operator/notices/ for each delivery (bounced, failed, no address) and
                tell them another way if the mail cannot reach them.
                """.formatted(incident.id(), incident.discoveredAt(), incident.deadline(),
                        Math.max(0, Duration.between(now, incident.deadline()).toHours()), lines));
    }
}
