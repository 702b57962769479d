package org.cec.portal.api.privacy;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Every module that stores personal data registers one: a person's access request exports, and an
 * erasure request erases, across all modules (partners' included) through these services.
 *
 * <p>Persons are identified by their normalised email address: surrounding white space removed,
 * lower-cased with {@code Locale.ROOT}.
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
