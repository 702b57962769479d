package org.cec.portal.api.intake;

/** How an {@link IntakeField} is asked and what answers it accepts. */
public enum FieldKind {
    /** One line of free text, at most {@link IntakeField#maxLength()} characters. */
    TEXT,
    /** A whole number between {@link IntakeField#min()} and {@link IntakeField#max()}. */
    NUMBER,
    /** One of the field's {@link IntakeField#options()}, shown as radio buttons. */
    CHOICE
}
