package org.cec.portal.directory.internal.choice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * On the confirmation page of a request just submitted ({@link ServiceRequests#CONFIRMED_ATTRIBUTE}),
 * the contractors the homeowner may choose to receive it, with the form that posts the choice to a new
 * choose link of the request. On every other page: nothing, without any look-up.
 */
@Component(service = PageContribution.class)
public final class ConfirmationChoices implements PageContribution {

    private static final String TEMPLATE = "directory/choose/offer.ftlh";

    private final Choosing choosing;
    private final ServiceRequests requests;
    private final ChoiceViews views;

    @Activate
    public ConfirmationChoices(
            @Reference Choosing choosing, @Reference ServiceRequests requests, @Reference ChoiceViews views) {
        this.choosing = choosing;
        this.requests = requests;
        this.views = views;
    }

    @Override
    public Optional<PageFragment> contribute(HttpServletRequest request) {
        if (!(request.getAttribute(ServiceRequests.CONFIRMED_ATTRIBUTE) instanceof String reference)) {
            return Optional.empty();
        }
        Optional<ServiceRequest> submitted = requests.find(reference);
        if (submitted.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> path = choosing.newChoosePath(reference);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Locale locale = Languages.of(request);
        List<ContractorMatch> matches = choosing.matches(submitted.get(), locale);
        Map<String, Object> model = new HashMap<>();
        model.put("action", path.get());
        model.put("matches", views.matches(matches, locale));
        model.put("max", choosing.settings().maxChoices());
        model.put("radius", choosing.settings().choiceRadius());
        model.put("days", choosing.settings().choiceDays());
        model.put("until", choosing.expiry(submitted.get()));
        return Optional.of(new PageFragment(TEMPLATE, model));
    }

    @Override
    public Slot slot() {
        return Slot.MAIN;
    }
}
