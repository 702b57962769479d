package org.cec.portal.api.directory;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A state contractor's licence.
 *
 * @param state the two-letter state code, for example {@code CA}
 * @param number the licence number
 * @param licenceClass the class or classification (for example {@code C-46 Solar}), or empty
 * @param expires the last day it is valid, or null when the state gives no expiry
 */
public record Licence(String state, String number, String licenceClass, LocalDate expires) {

    public Licence {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(number, "number");
        licenceClass = licenceClass == null ? "" : licenceClass;
    }

    /** Whether it is valid on {@code day}: it has no expiry or expires on that day or later. */
    public boolean validOn(LocalDate day) {
        return expires == null || !expires.isBefore(day);
    }
}
