package org.cec.portal.consent.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The cookie banner at the top of every portal page until the visitor has chosen under the current
 * policy version: a plain form posting to {@code /privacy/choices}, usable without JavaScript, with the
 * banner text of the visitor's language. Not on the choices page, which shows the same form itself.
 */
@Component(service = PageContribution.class)
public final class ConsentBanner implements PageContribution {

    private final VisitorConsent visitors;

    @Activate
    public ConsentBanner(@Reference VisitorConsent visitors) {
        this.visitors = visitors;
    }

    @Override
    public Optional<PageFragment> contribute(HttpServletRequest request) {
        if (visitors.current(request).isPresent()) {
            return Optional.empty();
        }
        String path = request.getRequestURI()
                .substring(Math.min(
                        request.getContextPath().length(),
                        request.getRequestURI().length()));
        if (ChoicesPage.PATHS.contains(path)) {
            // the choices page (and its opt-out forms' answers) shows the same form itself
            return Optional.empty();
        }
        Signals signals = visitors.signals(request);
        ConsentSettings.Texts texts = visitors.settings().texts(Languages.of(request));
        Map<String, Object> model = new HashMap<>();
        model.put("bannerText", texts.bannerText());
        model.put("bannerFallback", texts.bannerFallback());
        model.put("bannerLanguage", texts.bannerLanguage().getLanguage());
        model.put("askedAgain", visitors.latest(request).isPresent());
        model.put("signal", visitors.signalHonoured(request));
        model.put("signalKind", Purposes.signalKind(signals));
        model.put("returnTo", ReturnPath.orElse(path, "/"));
        model.put("purposes", Purposes.optional(null));
        return Optional.of(new PageFragment("consent/banner.ftlh", model));
    }

    @Override
    public Slot slot() {
        return Slot.TOP;
    }

    @Override
    public int rank() {
        return 0;
    }
}
