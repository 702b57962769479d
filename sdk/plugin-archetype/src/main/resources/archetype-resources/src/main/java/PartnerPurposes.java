package ${package};

import java.util.Set;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.consent.PurposeDeclaration;
import org.osgi.service.component.annotations.Component;

/**
 * What this plugin does with personal data, for staff: the console page Consent lists it under this
 * bundle. Declaring grants nothing: a plugin that remembers, measures or mails asks
 * {@code ConsentService} before each use. The answers of {@link PartnerSection} are part of the
 * homeowner's request, which the portal keeps, shows on "My data" and erases on request.
 */
@Component
public final class PartnerPurposes implements PurposeDeclaration {

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.NECESSARY);
    }

    @Override
    public String use() {
        return "Asks on the request form whether the homeowner would like an invitation to a workshop; "
                + "the answer goes with the request to the contractors the homeowner chooses.";
    }
}
