package org.cec.portal.api.consent;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Declares the purposes a module uses personal data for. Register one (or several) as an OSGi
 * service from the bundle that uses the data; the Web Console page "Consent" lists every bundle with
 * the purposes it declares, so staff can tell visitors truthfully who does what with their data.
 *
 * <pre>{@code
 * @Component
 * public final class PrefillPurposes implements PurposeDeclaration {
 *     public Set<Purpose> purposes() { return Set.of(Purpose.PREFERENCES); }
 *     public String use() { return "Remembers the contact fields of the request form for 30 days."; }
 * }
 * }</pre>
 *
 * Declaring a purpose grants nothing: ask {@link ConsentService} before each use.
 */
@ConsumerType
public interface PurposeDeclaration {

    /** The purposes this module uses data for. */
    Set<Purpose> purposes();

    /** One or two sentences for staff: what the module does with the data for these purposes. */
    String use();
}
