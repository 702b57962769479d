package org.cec.portal.email.internal.campaigns;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How fast campaigns are sent (PID {@value #PID}). */
@Component(service = CampaignSettings.class, configurationPid = CampaignSettings.PID)
@Designate(ocd = CampaignSettings.Config.class)
public final class CampaignSettings {

    public static final String PID = "org.cec.portal.email.campaigns";
    static final int MAX_RATE = 600_000;

    @ObjectClassDefinition(
            name = "CEC Portal: email campaigns",
            description = "How fast newsletters written in the console are sent.")
    public @interface Config {
        @AttributeDefinition(
                name = "Messages per minute",
                description = "At most this many campaign messages are queued for sending per minute, on each"
                        + " portal node (1 to 600000).",
                min = "1",
                max = "600000")
        int messages_per_minute() default 600;
    }

    private final int messagesPerMinute;

    @Activate
    public CampaignSettings(Config config) {
        this(config.messages_per_minute());
    }

    /** Settings as given (for tests). */
    public CampaignSettings(int messagesPerMinute) {
        if (messagesPerMinute < 1 || messagesPerMinute > MAX_RATE) {
            throw new IllegalArgumentException(
                    PID + ": messages.per.minute must be from 1 to " + MAX_RATE + ", not " + messagesPerMinute);
        }
        this.messagesPerMinute = messagesPerMinute;
    }

    public int messagesPerMinute() {
        return messagesPerMinute;
    }
}
