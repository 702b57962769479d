package org.cec.portal.consent.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The tracking signals a browser sent: Do Not Track ({@code DNT: 1}) and Global Privacy Control
 * ({@code Sec-GPC: 1}).
 */
public record Signals(boolean dnt, boolean gpc) {

    public static final Signals NONE = new Signals(false, false);

    public static Signals of(HttpServletRequest request) {
        return new Signals("1".equals(trim(request.getHeader("DNT"))), "1".equals(trim(request.getHeader("Sec-GPC"))));
    }

    /** Whether any signal was sent that the portal honours, given what it is configured to honour. */
    public boolean honoured(boolean honourDnt, boolean honourGpc) {
        return (dnt && honourDnt) || (gpc && honourGpc);
    }

    public boolean any() {
        return dnt || gpc;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
