package org.cec.portal.api.intake;

import java.util.Objects;

/**
 * One answer of a {@link FieldKind#CHOICE} field.
 *
 * @param value what is sent and stored: 1 to 64 of {@code a-z 0-9 - _ .}
 * @param label what the homeowner reads, or a {@code %key} of the messages of the bundle that
 *     registered the section, shown in the visitor's language (see {@link IntakeSection})
 */
public record FieldOption(String value, String label) {

    public FieldOption {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
        if (!value.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("option value must be 1 to 64 of a-z 0-9 . _ -: " + value);
        }
    }
}
