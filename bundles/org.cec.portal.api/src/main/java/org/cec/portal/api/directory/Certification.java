package org.cec.portal.api.directory;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A professional certification, such as NABCEP PV Installation Professional or BPI Building Analyst.
 *
 * @param name the certification's name as its issuer spells it
 * @param number the certificate number, or empty
 * @param issuer who issued it (for example NABCEP), or empty
 * @param expires the last day it is valid, or null when it does not expire
 */
public record Certification(String name, String number, String issuer, LocalDate expires) {

    public Certification {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A certification needs a name");
        }
        number = number == null ? "" : number;
        issuer = issuer == null ? "" : issuer;
    }

    /** Whether it is valid on {@code day}: it has no expiry or expires on that day or later. */
    public boolean validOn(LocalDate day) {
        return expires == null || !expires.isBefore(day);
    }
}
