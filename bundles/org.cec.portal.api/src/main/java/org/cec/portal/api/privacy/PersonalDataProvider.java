package org.cec.portal.api.privacy;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Every module that stores personal data registers one: a person's access request exports, and an
 * erasure request erases, across all modules (partners' included) through these services.
 *
 * <p>Persons are identified by their normalised email address: surrounding white space removed,
 * lower-cased with {@code Locale.ROOT}.
 *
 * <p>The person's page shows what a provider holds in the plain words of the bundle that registered
 * it, from its {@code messages/messages*.properties}, in each language the bundle ships (a key
 * missing in one language falls back to English, then to the name as given):
 *
 * <pre>
 * privacy.area.workshops=Workshops you signed up for          # the area
 * privacy.kind.workshops.signup=Sign-up                        # a record's kind
 * privacy.field.contact-method=How to reach you                # a field "contact method"
 * privacy.value.contact-method.phone=by phone                  # a field's value that is a code
 * </pre>
 *
 * Field names and coded values become keys lower-cased, with a dash for each run of other characters
 * than letters and digits. The JSON download keeps the names and values as the provider gave them.
 */
@ConsumerType
public interface PersonalDataProvider {

    /** A stable, short name of the data this provider holds, for example {@code consent}. */
    String area();

    /** Everything this module holds about the person, one record per stored item; empty if nothing. */
    List<PersonalRecord> export(String normalisedEmail);

    /**
     * Erases (or irreversibly anonymises) everything this module holds about the person, except
     * records the module must keep by law, which its documentation names.
     *
     * @return how many records were erased or anonymised
     */
    int erase(String normalisedEmail);
}
