package org.cec.portal.intake.internal;

import java.util.Optional;

/**
 * The three steps of the request form, in order: the template each is shown with, the message key of
 * its heading, and where "Back" leads. The value of the form's hidden {@code step} field names the step it was sent
 * from.
 */
enum FormStep {
    CONTACT("contact"),
    SERVICES("services"),
    REVIEW("review");

    private final String id;

    FormStep(String id) {
        this.id = id;
    }

    /** The value of the form's {@code step} field, and the name of the step's template. */
    String id() {
        return id;
    }

    /** The key of the step's heading in the intake bundle's messages. */
    String heading() {
        return "intake.step." + id + ".heading";
    }

    String template() {
        return "intake/" + id + ".ftlh";
    }

    /** The step "Back" leads to: the one before (the first step stays where it is). */
    FormStep previous() {
        return this == CONTACT ? CONTACT : values()[ordinal() - 1];
    }

    /** The step of a {@code step} field's value; empty for anything else. */
    static Optional<FormStep> of(String id) {
        for (FormStep step : values()) {
            if (step.id.equals(id)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
