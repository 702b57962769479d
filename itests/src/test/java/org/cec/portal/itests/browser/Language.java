package org.cec.portal.itests.browser;

/**
 * The languages the browser journeys run in: the browser asks for this language ({@code Accept-Language}), and
 * every page must say so in {@code <html lang>}. The journeys find elements by id and name only, never by
 * their text, so a new language is one constant here.
 */
enum Language {
    EN("en"),
    ES("es");

    /** The BCP 47 tag the browser sends and {@code <html lang>} must carry. */
    final String tag;

    Language(String tag) {
        this.tag = tag;
    }
}
