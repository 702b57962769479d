package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request form's steps: what the hidden {@code step} field names, and where "Back" leads. */
class FormStepTest {

    @Test
    void theStepFieldNamesOneOfTheThreeSteps() {
        assertEquals(Optional.of(FormStep.CONTACT), FormStep.of("contact"));
        assertEquals(Optional.of(FormStep.SERVICES), FormStep.of("services"));
        assertEquals(Optional.of(FormStep.REVIEW), FormStep.of("review"));
        assertTrue(FormStep.of("saved").isEmpty(), "the offer of a remembered draft is not a step");
        assertTrue(FormStep.of("").isEmpty());
        assertTrue(FormStep.of("REVIEW").isEmpty());
    }

    @Test
    void backLeadsToTheStepBeforeAndEachStepHasItsTemplate() {
        assertEquals(FormStep.SERVICES, FormStep.REVIEW.previous());
        assertEquals(FormStep.CONTACT, FormStep.SERVICES.previous());
        assertEquals(FormStep.CONTACT, FormStep.CONTACT.previous());
        assertEquals("intake/services.ftlh", FormStep.SERVICES.template());
        assertEquals("Step 3 of 3: check and send", TestMessages.english().get(FormStep.REVIEW.heading()));
    }
}
