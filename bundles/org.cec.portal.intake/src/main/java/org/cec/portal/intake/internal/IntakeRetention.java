package org.cec.portal.intake.internal;

import java.time.Instant;
import java.util.List;
import org.cec.portal.api.privacy.RetentionProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The intake module's part in retention (area {@code intake}): the persons whose service requests have
 * all been inactive (not submitted, not changed by staff) since the configured age. The privacy module
 * erases them through every module, the requests included. Drafts keep their own, shorter, retention
 * ({@code drafts.retentionDays}).
 */
@Component
public final class IntakeRetention implements RetentionProvider {

    private final RequestPersonalData requests;

    @Activate
    public IntakeRetention(@Reference RequestPersonalData requests) {
        this.requests = requests;
    }

    @Override
    public String area() {
        return "intake";
    }

    @Override
    public List<String> inactiveSince(Instant cutoff, int limit) {
        return requests.inactiveSince(cutoff, limit);
    }
}
