package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageCampaignsTest {

    @Test
    void theCampaignIsReadFromANewslettersIdempotencyKeyOnly() {
        assertEquals(Optional.of(7L), MessageCampaigns.campaign("campaign:7:ana@example.org"));
        assertEquals(Optional.of(12L), MessageCampaigns.campaign("campaign:12"));
        assertEquals(Optional.empty(), MessageCampaigns.campaign(null), "no key: a single message");
        assertEquals(Optional.empty(), MessageCampaigns.campaign("intake.confirmation:42"));
        assertEquals(Optional.empty(), MessageCampaigns.campaign("campaign:x:ana@example.org"));
    }
}
