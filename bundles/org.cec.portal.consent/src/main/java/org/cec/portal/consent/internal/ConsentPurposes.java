package org.cec.portal.consent.internal;

import java.util.Set;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.consent.PurposeDeclaration;
import org.osgi.service.component.annotations.Component;

/** The consent module's own use of data: the consent cookie, which is strictly necessary. */
@Component
public final class ConsentPurposes implements PurposeDeclaration {

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.NECESSARY);
    }

    @Override
    public String use() {
        return "The cec_consent cookie remembers the visitor's choices (signed receipt id, choices, policy version).";
    }
}
