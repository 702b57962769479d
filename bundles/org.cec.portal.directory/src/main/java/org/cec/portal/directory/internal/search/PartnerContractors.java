package org.cec.portal.directory.internal.search;

import java.util.List;
import org.cec.portal.api.directory.Contractor;

/**
 * The contractors of the partner sources in use, as the directory holds them (ids prefixed with the
 * source id, read when the source registered or changed): for the console, which must not call the
 * sources on every request.
 */
public interface PartnerContractors {

    /** The contractors of every source in use, active or not. */
    List<Contractor> partnerContractors();
}
