package org.cec.portal.directory.internal.choice;

import java.util.Optional;
import org.cec.portal.api.directory.ContractorChoices;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The SDK's {@link ContractorChoices}: a new choose link for a request's homeowner, a new lead link for a
 * disclosure's contractor. Each call issues a new token (earlier links of the same request or lead keep
 * working); the module that sends them by email asks when it writes the message, and staff get one
 * from the console ("New outcome link").
 */
@Component(service = ContractorChoices.class)
public final class ChoiceLinks implements ContractorChoices {

    private final Choosing choosing;
    private final LeadReports leads;

    @Activate
    public ChoiceLinks(@Reference Choosing choosing, @Reference LeadReports leads) {
        this.choosing = choosing;
        this.leads = leads;
    }

    @Override
    public Optional<String> choosePath(String reference) {
        return choosing.newChoosePath(reference);
    }

    @Override
    public Optional<String> leadPath(long disclosureId) {
        return leads.newLeadPath(disclosureId);
    }
}
