package org.cec.portal.intake.internal;

import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The validation rules with the ZIP code list loaded once, shared by the form and the API. */
@Component(service = IntakeRules.class)
public final class IntakeRules {

    private final ZipCodes zips;

    @Activate
    public IntakeRules() throws IOException {
        this.zips = ZipCodes.shipped();
    }

    /** The rules, their messages in the language of {@code texts}. */
    Validator validator(Texts texts) {
        return new Validator(zips, texts);
    }
}
