package org.cec.portal.consent.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The consent of the visitor of a request: their choice from the consent cookie (valid for the current
 * policy version only) and the tracking signals of their browser. Needs no database.
 */
@Component(service = VisitorConsent.class)
public final class VisitorConsent {

    /** Request attribute holding the choice made in this very request, before its cookie comes back. */
    static final String CHOICE_ATTRIBUTE = "org.cec.portal.consent.choice";

    private final ConsentCookie cookie;
    private final ConsentSettings settings;

    @Activate
    public VisitorConsent(@Reference CookieProtection protection, @Reference ConsentSettings settings) {
        this.cookie = new ConsentCookie(protection);
        this.settings = settings;
    }

    public ConsentSettings settings() {
        return settings;
    }

    /** The visitor's choice under the current policy version, or empty when they have not chosen (again). */
    public Optional<Choice> current(HttpServletRequest request) {
        return latest(request).filter(c -> c.policyVersion().equals(settings.policyVersion()));
    }

    /** The visitor's last choice under any policy version (to show it again when they are asked again). */
    public Optional<Choice> latest(HttpServletRequest request) {
        Object made = request.getAttribute(CHOICE_ATTRIBUTE);
        if (made instanceof Choice choice) {
            return Optional.of(choice);
        }
        return cookie.read(request);
    }

    /** The signals of the request's browser. */
    public Signals signals(HttpServletRequest request) {
        return Signals.of(request);
    }

    /** Whether the request carries a signal the portal is configured to honour. */
    public boolean signalHonoured(HttpServletRequest request) {
        return signals(request).honoured(settings.honourDnt(), settings.honourGpc());
    }

    /** See {@link org.cec.portal.api.consent.ConsentService#allows(HttpServletRequest, Purpose)}. */
    public boolean allows(HttpServletRequest request, Purpose purpose) {
        if (purpose == Purpose.NECESSARY) {
            return true;
        }
        Optional<Choice> choice = current(request);
        if (choice.isEmpty()) {
            return false;
        }
        boolean signalSensitive = purpose == Purpose.ANALYTICS || purpose == Purpose.MARKETING;
        if (signalSensitive && signalHonoured(request) && !choice.get().signalAtChoice()) {
            return false;
        }
        return choice.get().grants(purpose);
    }

    /** Remembers {@code choice} for the rest of this request and sets the visitor's cookie. */
    public void remember(HttpServletRequest request, HttpServletResponse response, Choice choice) {
        request.setAttribute(CHOICE_ATTRIBUTE, choice);
        cookie.write(request, response, choice, settings.choiceMaxAge());
    }
}
