package org.cec.portal.consent.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptInConfirmation;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.consent.Purpose;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The portal's {@link ConsentService}: visitor answers from {@link VisitorConsent}, person answers
 * from the opt-outs in {@link ConsentRecords}. It exists only while the module's database does, so a
 * module that finds no ConsentService treats every optional purpose as refused.
 */
@Component(service = ConsentService.class)
public final class ConsentServiceImpl implements ConsentService {

    private final VisitorConsent visitors;
    private final ConsentRecords records;
    private final ConsentSettings settings;
    private final OptIns optIns;

    @Activate
    public ConsentServiceImpl(
            @Reference VisitorConsent visitors,
            @Reference ConsentRecords records,
            @Reference ConsentSettings settings,
            @Reference OptIns optIns) {
        this.visitors = visitors;
        this.records = records;
        this.settings = settings;
        this.optIns = optIns;
    }

    @Override
    public Optional<OptInConfirmation> optInConfirmation(String requestId) {
        return optIns.confirmation(requestId);
    }

    @Override
    public String policyVersion() {
        return settings.policyVersion();
    }

    @Override
    public boolean allows(HttpServletRequest request, Purpose purpose) {
        return visitors.allows(request, purpose);
    }

    @Override
    public boolean allows(String normalisedEmail, Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> true;
            case MARKETING -> known(normalisedEmail)
                    .map(email -> !records.hasOptedOut(email, OptOut.MARKETING_EMAIL))
                    .orElse(false);
            case PREFERENCES, ANALYTICS -> false;
        };
    }

    @Override
    public boolean mayShareAddress(String normalisedEmail) {
        return known(normalisedEmail)
                .map(email -> !records.hasOptedOut(email, OptOut.ADDRESS_SHARING))
                .orElse(false);
    }

    @Override
    public boolean mayShareAddress(HttpServletRequest request, String normalisedEmail) {
        return !visitors.signalHonoured(request) && mayShareAddress(normalisedEmail);
    }

    @Override
    public void optOut(String normalisedEmail, OptOut what) {
        records.optOut(Emails.requireNormalised(normalisedEmail), what);
    }

    @Override
    public boolean hasOptedOut(String normalisedEmail, OptOut what) {
        return known(normalisedEmail)
                .map(email -> records.hasOptedOut(email, what))
                .orElse(false);
    }

    @Override
    public Optional<String> normaliseEmail(String typed) {
        return Emails.normalise(typed);
    }

    /** The address if it is a normalised, plausible one; an address in another form is never looked up. */
    private static Optional<String> known(String email) {
        return Emails.normalise(email).filter(e -> e.equals(email));
    }
}
