package com.callintel.hub.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The sandbox mailbox as a process of its own (ops/local-cluster.sh): GreenMail keeps every mail the hub nodes send
 * over SMTP and shows them over IMAP (login and password: the
 * recipient's address), until it is stopped.
 * <pre>java -cp ... com.callintel.hub.sandbox.MailboxServer 3025 3143</pre>
 */
public final class MailboxServer {

    private MailboxServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        GreenMail mailbox = new GreenMail(new ServerSetup[] {
                new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Integer.parseInt(args[1]), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mailbox::stop));
        Thread.currentThread().join();
    }
}
