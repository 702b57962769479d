package org.cec.portal.api.web;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Protects values that the portal keeps in cookies, with the portal's own keys (kept under
 * {@code <data>/keys/}, generated on first start, each with a key id so keys can be rotated).
 *
 * <p>Every method returns or accepts a string that is safe as a cookie value. A value that was
 * altered, made with another installation's keys or is simply garbage is never an error: the
 * {@code Optional} is empty, and the caller treats the cookie as absent.
 */
@ProviderType
public interface CookieProtection {

    /**
     * Signs {@code value} (HMAC-SHA256): the visitor can read it but not change it. Use it for
     * values that are not secret, such as a consent receipt id.
     */
    String sign(String value);

    /** The value of a string made by {@link #sign}, or empty if it was altered or is foreign. */
    Optional<String> verify(String signed);

    /**
     * Encrypts {@code value} (AES-256-GCM): the visitor can neither read nor change it. Use it for
     * personal data kept in a cookie, such as the remembered contact fields of a form.
     */
    String seal(String value);

    /** The value of a string made by {@link #seal}, or empty if it was altered or is foreign. */
    Optional<String> unseal(String sealed);
}
