package com.callintel.hub.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox mailbox of the default run: a real SMTP server (GreenMail) on loopback that keeps the hub's alert
 * mails, so a newcomer can see them arrive. Off when the sandbox is off or a test brings its own server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "callintel.sandbox.mailbox", havingValue = "true")
class SandboxMail {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail sandboxMailbox(@Value("${callintel.mail.port}") int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
