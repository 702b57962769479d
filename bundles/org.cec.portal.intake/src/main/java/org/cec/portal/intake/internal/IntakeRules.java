package org.cec.portal.intake.internal;

import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The validation rules with the ZIP code list loaded once, shared by the form and the API. */
@Component(service = IntakeRules.class)
public final class IntakeRules {

    private final Validator validator;

    @Activate
    public IntakeRules() throws IOException {
        this.validator = new Validator(ZipCodes.shipped());
    }

    Validator validator() {
        return validator;
    }
}
