package org.cec.portal.intake.internal;

import org.cec.portal.api.geo.ZipCentroids;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The validation rules with the platform's ZIP code list, shared by the form and the API. */
@Component(service = IntakeRules.class)
public final class IntakeRules {

    private final ZipCentroids zips;

    @Activate
    public IntakeRules(@Reference ZipCentroids zips) {
        this.zips = zips;
    }

    /** The rules, their messages in the language of {@code texts}. */
    Validator validator(Texts texts) {
        return new Validator(zips, texts);
    }
}
