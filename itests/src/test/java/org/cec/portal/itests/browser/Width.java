package org.cec.portal.itests.browser;

/** The screens the browser journeys run on: a phone and a desktop (CSS pixels, the page's viewport). */
enum Width {
    PHONE(390, 844),
    DESKTOP(1280, 900);

    final int width;
    final int height;

    Width(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** {@code 390} or {@code 1280}: the suffix of the screenshots' file names. */
    String label() {
        return Integer.toString(width);
    }
}
