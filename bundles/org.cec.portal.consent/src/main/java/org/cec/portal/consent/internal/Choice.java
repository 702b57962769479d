package org.cec.portal.consent.internal;

import java.time.Instant;
import java.util.Objects;
import org.cec.portal.api.consent.Purpose;

/**
 * A visitor's recorded choice as their consent cookie carries it.
 *
 * @param receiptId the id of the receipt stored for it
 * @param policyVersion the policy version the choice was made under
 * @param selection what was chosen
 * @param signalAtChoice whether the browser sent an honoured Do Not Track or Global Privacy Control
 *     signal when the choice was made (then the choice wins over the signal)
 * @param madeAt when the choice was made, to the second
 */
public record Choice(
        String receiptId, String policyVersion, Selection selection, boolean signalAtChoice, Instant madeAt) {

    public Choice {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(madeAt, "madeAt");
    }

    public boolean grants(Purpose purpose) {
        return selection.grants(purpose);
    }
}
