package org.cec.portal.privacy.internal;

import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.QueuedMail;

/** A mailer that keeps what it is given, and queues nothing twice under one idempotency key. */
public final class RecordingMailer implements Mailer {

    public final List<MailMessage> queued = new ArrayList<>();

    @Override
    public synchronized QueuedMail queue(MailMessage message) {
        for (MailMessage m : queued) {
            if (m.key().isPresent() && m.key().equals(message.key())) {
                return new QueuedMail(queued.indexOf(m) + 1, "id", true);
            }
        }
        queued.add(message);
        return new QueuedMail(queued.size(), "id-" + queued.size(), false);
    }

    @Override
    public boolean mayReceiveCommercial(String normalisedEmail) {
        return false;
    }
}
