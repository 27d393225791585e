package com.callintel.hub.notices;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The notice mails leave their outbox, and come back to it when a send fails for now. */
@Component
class NoticeMailRoutes extends RouteBuilder {

    private final NoticeMailOutbox outbox;

    NoticeMailRoutes(NoticeMailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void configure() {
        // Lease the due mails and send them one by one; a node that dies mid-way leaves them to the next lease.
        from("scheduler:notice-mail?delay={{callintel.notices.mail-poll-delay}}")
                .routeId("notice-mail-poll")
                .process(outbox::claim).id("notice-mail-poll-claim")
                .split(body())
                    .to("direct:notice-mail-send")
                .end();

        // One mail: recorded as sent, or as retrying, bounced or failed with the server's answer.
        from("direct:notice-mail-send")
                .routeId("notice-mail-send")
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(outbox::compose).id("notice-mail-send-compose")
                    .to("smtp://{{callintel.mail.host}}:{{callintel.mail.port}}?from={{callintel.mail.from}}")
                        .id("notice-mail-send-smtp")
                    .process(outbox::sent).id("notice-mail-send-sent")
                .doCatch(Exception.class)
                    .process(outbox::failed).id("notice-mail-send-failed")
                .end();
    }
}
