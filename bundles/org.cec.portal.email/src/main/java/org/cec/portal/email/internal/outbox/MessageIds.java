package org.cec.portal.email.internal.outbox;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Makes the {@code Message-ID} of a message when it is queued ({@code <random>@<portal host>}); it is
 * stored with the message and never changes, so a repeated delivery can be recognised.
 */
final class MessageIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final String domain;

    MessageIds(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
        this.domain = h.isEmpty() ? "cec-portal" : h;
    }

    String next() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        StringBuilder s = new StringBuilder(24 + domain.length() + 1);
        for (int i = 0; i < bytes.length; i += 5) {
            long v = 0;
            for (int j = 0; j < 5; j++) {
                v = (v << 8) | (bytes[i + j] & 0xff);
            }
            for (int k = 7; k >= 0; k--) {
                s.append(ALPHABET[(int) ((v >>> (5 * k)) & 31)]);
            }
        }
        return s.append('@').append(domain).toString();
    }
}
