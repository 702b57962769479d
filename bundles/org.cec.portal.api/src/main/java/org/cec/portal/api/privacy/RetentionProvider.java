package org.cec.portal.api.privacy;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part in the portal's retention, which the privacy module runs once a day with the ages an
 * operator configured per area (PID {@code org.cec.portal.privacy.retention}). Register one beside your
 * {@link PersonalDataProvider} when your module knows when a person was last active, or keeps something
 * only for a limited time.
 *
 * <p>Both methods have a default that keeps everything: implement the one that applies.
 *
 * @since 1.1
 */
@ConsumerType
public interface RetentionProvider {

    /** The area, as {@link PersonalDataProvider#area()} names it: the configuration names ages by area. */
    String area();

    /**
     * The normalised addresses of persons whose last activity in this module was before {@code cutoff}
     * (at most {@code limit} of them): the privacy module erases each of them through every {@link
     * PersonalDataProvider}, as if they had asked (the email opt-outs stay, as in every erasure).
     */
    default List<String> inactiveSince(Instant cutoff, int limit) {
        return List.of();
    }

    /**
     * Deletes or anonymises what this module keeps for a limited time and was recorded before {@code
     * cutoff} (the content of sent messages, say); returns how many records changed.
     */
    default int expire(Instant cutoff) {
        return 0;
    }
}
