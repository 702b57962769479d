package org.cec.portal.directory.internal.search;

import org.cec.portal.api.directory.Contractor;

/** A partner source's contractor as the directory keeps it: id {@code <source>:<own id>}, source the source's id. */
final class Sourced {

    private Sourced() {}

    static Contractor of(Contractor c, String sourceId) {
        return new Contractor(
                sourceId + ":" + c.id(),
                c.businessName(),
                c.services(),
                c.baseZip(),
                c.base(),
                c.serviceRadiusMiles(),
                c.servedZips(),
                c.certifications(),
                c.licences(),
                c.insuredUntil(),
                c.languages(),
                c.description(),
                c.website(),
                c.phone(),
                c.email(),
                c.active(),
                sourceId,
                c.lastVerified());
    }
}
