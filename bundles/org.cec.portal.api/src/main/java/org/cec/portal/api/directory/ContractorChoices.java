package org.cec.portal.api.directory;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The links through which people act on the directory without an account. Each link carries a new
 * unguessable token; only the token's hash is stored. The module that sends them by email asks for
 * a link at the moment it writes the message.
 */
@ProviderType
public interface ContractorChoices {

    /**
     * A path {@code /contractors/choose/<token>} where the homeowner of the submitted request {@code
     * reference} chooses the contractors who receive it, and later sees their answers. The link is valid
     * for 30 days from the request's submission.
     *
     * @return the path, or empty when no submitted request has this reference or its 30 days are over
     */
    Optional<String> choosePath(String reference);

    /**
     * A path {@code /leads/<token>} where the contractor of the disclosure {@code disclosureId} (the id
     * in the {@code directory.contact-requested} event) reports what came of the lead.
     *
     * @return the path, or empty when there is no such disclosure or the homeowner's data was erased
     */
    Optional<String> leadPath(long disclosureId);
}
