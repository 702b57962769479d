package org.cec.portal.consent.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cec.portal.api.consent.Purpose;

/**
 * What a visitor chose in the banner or on the choices page: how ({@code accept-all}, {@code
 * reject-all} or {@code custom}) and the optional purposes granted. Necessary is always granted.
 */
public record Selection(String choice, boolean preferences, boolean analytics, boolean marketing) {

    public static final String ACCEPT_ALL = "accept-all";
    public static final String REJECT_ALL = "reject-all";
    public static final String CUSTOM = "custom";

    /**
     * Reads the form: {@code choice=accept-all|reject-all|custom} and, for custom, the checkboxes
     * {@code preferences}, {@code analytics}, {@code marketing} (checked when present and not empty).
     * Empty when {@code choice} is missing or unknown.
     */
    public static Optional<Selection> fromForm(Function<String, String> parameter) {
        String choice = parameter.apply("choice");
        if (ACCEPT_ALL.equals(choice)) {
            return Optional.of(new Selection(ACCEPT_ALL, true, true, true));
        }
        if (REJECT_ALL.equals(choice)) {
            return Optional.of(new Selection(REJECT_ALL, false, false, false));
        }
        if (CUSTOM.equals(choice)) {
            return Optional.of(new Selection(
                    CUSTOM,
                    checked(parameter.apply(Purpose.PREFERENCES.id())),
                    checked(parameter.apply(Purpose.ANALYTICS.id())),
                    checked(parameter.apply(Purpose.MARKETING.id()))));
        }
        return Optional.empty();
    }

    private static boolean checked(String value) {
        return value != null && !value.isEmpty();
    }

    /** Whether this selection grants {@code purpose}. */
    public boolean grants(Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> true;
            case PREFERENCES -> preferences;
            case ANALYTICS -> analytics;
            case MARKETING -> marketing;
        };
    }

    /** The optional purposes as {@code id -> granted}, for templates. */
    public Map<String, Boolean> asMap() {
        return Map.of(
                Purpose.PREFERENCES.id(), preferences,
                Purpose.ANALYTICS.id(), analytics,
                Purpose.MARKETING.id(), marketing);
    }
}
