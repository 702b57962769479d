package org.cec.portal.email.internal.unsubscribe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.email.internal.CommercialParts;
import org.cec.portal.email.internal.EmailSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What every commercial message carries: the recipient's own unsubscribe link and the operator's postal
 * address for its template ({@code unsubscribeUrl}, {@code postalAddress}), and the headers of RFC 2369
 * and RFC 8058 that let mail programs offer "unsubscribe" and post it in one click.
 */
@Component(service = CommercialParts.class)
public final class UnsubscribeParts implements CommercialParts {

    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final UnsubscribeTokens tokens;
    private final EmailSettings settings;

    @Activate
    public UnsubscribeParts(@Reference UnsubscribeTokens tokens, @Reference EmailSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    public Parts of(String normalisedEmail, String language) {
        String url = settings.link(UnsubscribePage.PATH + tokens.tokenFor(normalisedEmail) + pageLanguage(language));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("unsubscribeUrl", url);
        model.put("postalAddress", settings.postalAddress());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIST_UNSUBSCRIBE, "<" + url + ">");
        headers.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        return new Parts(Map.copyOf(model), Map.copyOf(headers));
    }

    /** {@code ?page-lang=es} for a supported language other than the portal's default, else nothing. */
    private static String pageLanguage(String language) {
        for (Locale supported : Languages.SUPPORTED) {
            if (!supported.equals(Languages.SUPPORTED.get(0))
                    && supported.getLanguage().equals(language)) {
                return "?" + Languages.PAGE_PARAMETER + "=" + supported.getLanguage();
            }
        }
        return "";
    }
}
