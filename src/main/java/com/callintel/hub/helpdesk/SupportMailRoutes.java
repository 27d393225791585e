package com.callintel.hub.helpdesk;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The ticket mails leave their outbox: after the ticket's commit, and again later for those that failed. */
@Component
class SupportMailRoutes extends RouteBuilder {

    private final SupportMailOutbox outbox;

    SupportMailRoutes(SupportMailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void configure() {
        // Lease the due mails and send them one by one; a node that dies mid-way leaves them to the next lease.
        from("scheduler:support-mail?delay={{callintel.support.mail-poll-delay}}")
                .routeId("support-mail-poll")
                .process(outbox::claim).id("support-mail-poll-claim")
                .split(body())
                    .to("direct:support-mail-send")
                .end();

        // One mail: sent and deleted, or kept for a later try; a failure never touches the ticket.
        from("direct:support-mail-send")
                .routeId("support-mail-send")
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(outbox::compose).id("support-mail-send-compose")
                    .to("smtp://{{callintel.mail.host}}:{{callintel.mail.port}}?from={{callintel.mail.from}}")
                        .id("support-mail-send-smtp")
                    .process(outbox::sent).id("support-mail-send-sent")
                .doCatch(Exception.class)
                    .process(outbox::failed).id("support-mail-send-failed")
                .end();
    }
}
