package org.cec.portal.privacy.internal.pages;

import org.cec.portal.privacy.internal.requests.MyDataLinks;

/**
 * What a path below {@code /privacy/my-data/} asks for: the page of a link ({@code <token>}), its
 * download ({@code <token>.json}) or its erasure ({@code <token>/erase}). The token is never logged: it
 * opens the person's data.
 */
record LinkPath(String token, What what) {

    enum What {
        PAGE,
        JSON,
        ERASE,
        NOTHING
    }

    static final String JSON_SUFFIX = ".json";
    static final String ERASE_SUFFIX = "/erase";

    static final String BASE = MyDataLinks.PATH;

    static String page(String token) {
        return BASE + token;
    }

    static String json(String token) {
        return BASE + token + JSON_SUFFIX;
    }

    static String erase(String token) {
        return BASE + token + ERASE_SUFFIX;
    }

    /** The path info of the request ({@code /<token>...}), or null. */
    static LinkPath of(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.charAt(0) != '/') {
            return new LinkPath("", What.NOTHING);
        }
        String rest = pathInfo.substring(1);
        if (rest.endsWith(JSON_SUFFIX)) {
            return new LinkPath(rest.substring(0, rest.length() - JSON_SUFFIX.length()), What.JSON);
        }
        if (rest.endsWith(ERASE_SUFFIX)) {
            return new LinkPath(rest.substring(0, rest.length() - ERASE_SUFFIX.length()), What.ERASE);
        }
        return rest.indexOf('/') >= 0 ? new LinkPath("", What.NOTHING) : new LinkPath(rest, What.PAGE);
    }
}
