package com.callintel.hub.notices;

import java.util.UUID;

/**
 * One notice mail to queue, for each of its recipients: to an organization's admins (of a breach, a policy or from
 * another feature, both ids null) or to the operators (orgId null).
 */
record NoticeMail(UUID orgId, Long incidentId, Long policyId, String subject, String body) {
}
