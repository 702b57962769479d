package org.cec.portal.api.intake;

import java.util.List;
import java.util.Objects;

/**
 * One question of an {@link IntakeSection}, described declaratively: the portal renders it (label,
 * hint, the error next to it, what was typed kept), escapes everything, and checks {@link #required},
 * {@link #maxLength}, the number range and the options itself before it calls the section's own
 * {@link IntakeSection#validate validation}.
 *
 * <p>Use the factory methods:
 *
 * <pre>{@code
 * IntakeField.number("household-size", "People in your household", 1, 20)
 * IntakeField.choice("utility", "Your electric utility", List.of(
 *         new FieldOption("pge", "PG&E"), new FieldOption("other", "Another utility")))
 * IntakeField.text("notes", "Anything else we should know?").optional()
 * }</pre>
 *
 * <p>The label, the hint and the options' labels may be {@code %key}s of the registering bundle's
 * messages, shown in the visitor's language (see {@link IntakeSection}).
 *
 * @param id the field's id within its section: 1 to 40 of {@code a-z 0-9 -}, starting with a letter;
 *     answers are stored under it
 * @param label the question, or a {@code %key}
 * @param kind how it is asked
 * @param required whether an answer is needed
 * @param hint one optional sentence shown under the label, or a {@code %key}; empty for none
 * @param options the answers of a {@link FieldKind#CHOICE} field; empty for the other kinds
 * @param maxLength the longest {@link FieldKind#TEXT} answer, 1 to 2000 characters
 * @param min the smallest {@link FieldKind#NUMBER} answer
 * @param max the largest {@link FieldKind#NUMBER} answer
 */
public record IntakeField(
        String id,
        String label,
        FieldKind kind,
        boolean required,
        String hint,
        List<FieldOption> options,
        int maxLength,
        long min,
        long max) {

    /** The longest answer of a text field. */
    public static final int MAX_TEXT = 2000;

    public IntakeField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        hint = hint == null ? "" : hint;
        options = options == null ? List.of() : List.copyOf(options);
        if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("field id must be 1 to 40 of a-z 0-9 -, starting with a letter: " + id);
        }
        if (kind == FieldKind.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("a CHOICE field needs options: " + id);
        }
        if (maxLength < 1 || maxLength > MAX_TEXT) {
            throw new IllegalArgumentException("maxLength must be 1 to " + MAX_TEXT + ": " + id);
        }
        if (min > max) {
            throw new IllegalArgumentException("min > max: " + id);
        }
    }

    /** A required one-line text field of at most 200 characters. */
    public static IntakeField text(String id, String label) {
        return new IntakeField(id, label, FieldKind.TEXT, true, "", List.of(), 200, 0, 0);
    }

    /** A required whole number from {@code min} to {@code max}. */
    public static IntakeField number(String id, String label, long min, long max) {
        return new IntakeField(id, label, FieldKind.NUMBER, true, "", List.of(), 20, min, max);
    }

    /** A required choice of one of {@code options}, shown as radio buttons. */
    public static IntakeField choice(String id, String label, List<FieldOption> options) {
        return new IntakeField(id, label, FieldKind.CHOICE, true, "", options, 64, 0, 0);
    }

    /** This field, but an answer may be left empty. */
    public IntakeField optional() {
        return new IntakeField(id, label, kind, false, hint, options, maxLength, min, max);
    }

    /** This field with a hint shown under its label. */
    public IntakeField withHint(String newHint) {
        return new IntakeField(id, label, kind, required, newHint, options, maxLength, min, max);
    }

    /** This text field with another longest answer (1 to {@link #MAX_TEXT}). */
    public IntakeField withMaxLength(int newMaxLength) {
        return new IntakeField(id, label, kind, required, hint, options, newMaxLength, min, max);
    }
}
