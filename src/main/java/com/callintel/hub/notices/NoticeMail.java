package com.callintel.hub.notices;

import java.util.UUID;

/** One notice mail to queue: to an organization's admins (of a breach or a policy) or to the operators (orgId null). */
record NoticeMail(UUID orgId, Long incidentId, Long policyId, String recipient, String subject, String body) {
}
