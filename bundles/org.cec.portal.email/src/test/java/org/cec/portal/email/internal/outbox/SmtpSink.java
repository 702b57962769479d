package org.cec.portal.email.internal.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The benchmark's SMTP server (bench/email.sh), in a process of its own: GreenMail on {@code args[0]},
 * emptied every half second so that its memory stays flat; prints how many messages it received. Not
 * a test.
 */
public final class SmtpSink {

    private SmtpSink() {}

    public static void main(String[] args) throws Exception {
        GreenMail server =
                new GreenMail(new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        long total = 0;
        System.out.println("sink listening on " + args[0]);
        while (true) {
            Thread.sleep(500);
            int n = server.getReceivedMessages().length;
            if (n > 0) {
                server.purgeEmailFromAllMailboxes();
                total += n;
                System.out.println("sink received " + total);
            }
        }
    }
}
