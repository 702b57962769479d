package org.cec.portal.directory.internal.pages;

import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a visitor followed a contractor's website link: one {@code directory.outbound-click}
 * event {@code {"contractor": id}} in a transaction of the directory's database. Nothing about the
 * visitor is recorded. Without the database or the event log the click is not recorded, and the link
 * works all the same.
 */
@Component(service = OutboundClicks.class)
public final class OutboundClicks {

    static final String EVENT = "directory.outbound-click";
    private static final Logger LOG = LoggerFactory.getLogger(OutboundClicks.class);

    @Reference(
            target = "(" + ModuleDatabase.MODULE_PROPERTY + "=directory)",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleDatabase db;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortalEvents events;

    public OutboundClicks() {}

    /** For tests. */
    OutboundClicks(ModuleDatabase db, PortalEvents events) {
        this.db = db;
        this.events = events;
    }

    /** Records a click on the website link of {@code contractorId}; true when it was recorded. */
    public boolean record(String contractorId) {
        ModuleDatabase database = db;
        PortalEvents log = events;
        if (database == null || log == null) {
            LOG.debug("An outbound click was not recorded: the directory's database or the event log is not there");
            return false;
        }
        String payload = ContractorJson.click(contractorId);
        try {
            database.inGroupCommit(em -> log.append(EVENT, payload));
            return true;
        } catch (RuntimeException e) {
            // The visitor still gets the website; one short line, no stack trace.
            LOG.warn("An outbound click was not recorded: {}", e.toString());
            return false;
        }
    }
}
