package org.cec.portal.api.directory;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which contractors received a person's data: for the module that asks them to delete it when the
 * person erases their data, and for anything else that must reach those contractors. Read it before the
 * erasure: afterwards the directory keeps no link between the person and the contractors.
 *
 * @since 1.2
 */
@ProviderType
public interface ContractorDisclosures {

    /**
     * Every disclosure of a request of the person, oldest first; empty if none.
     *
     * @param normalisedEmail the person's address, as {@code org.cec.portal.api.privacy} normalises it
     */
    List<Disclosure> of(String normalisedEmail);
}
