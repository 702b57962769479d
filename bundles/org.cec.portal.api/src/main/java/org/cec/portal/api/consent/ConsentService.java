package org.cec.portal.api.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers whether personal data may be used for a {@link Purpose}: for the visitor of a request (the
 * choice in their consent cookie, and their browser's Do Not Track / Global Privacy Control signal)
 * or for a person known by email address (their opt-outs). Ask right before each use; answers may
 * change at any moment.
 *
 * <p>Persons are identified by their <em>normalised email address</em>: the address with surrounding
 * white space removed and lower-cased ({@code Locale.ROOT}), as {@link #normaliseEmail} returns it.
 *
 * <p>When no {@code ConsentService} is registered (the consent module is stopped, or its database is
 * not available) a module must behave as if every answer were {@code false}, except for {@link
 * Purpose#NECESSARY}.
 */
@ProviderType
public interface ConsentService {

    /**
     * Whether the visitor of {@code request} allows {@code purpose}. {@link Purpose#NECESSARY} is
     * always allowed. Any other purpose is allowed only after the visitor chose it for the current
     * policy version; a visitor who sends Do Not Track or Global Privacy Control (when the portal
     * honours them) is refused analytics and marketing unless they opted in while sending the signal.
     */
    boolean allows(HttpServletRequest request, Purpose purpose);

    /**
     * Whether the person with this normalised email address allows {@code purpose}. {@link
     * Purpose#NECESSARY} is always allowed; {@link Purpose#MARKETING} unless the person opted out of
     * {@link OptOut#MARKETING_EMAIL}. {@link Purpose#PREFERENCES} and {@link Purpose#ANALYTICS} are
     * choices of a browser, not of a person: for those ask with the request; here they are refused.
     */
    boolean allows(String normalisedEmail, Purpose purpose);

    /** Whether the postal address of this person may be shared with contractors: not after an opt-out. */
    boolean mayShareAddress(String normalisedEmail);

    /**
     * Like {@link #mayShareAddress(String)}, and also refused when the visitor of {@code request}
     * sends Do Not Track or Global Privacy Control and the portal honours them.
     */
    boolean mayShareAddress(HttpServletRequest request, String normalisedEmail);

    /**
     * Records an opt-out of this person. It takes effect before this method returns, needs no
     * verification, and is recorded with the event {@code consent.opt-out}. Opting out again is
     * harmless.
     *
     * @throws IllegalArgumentException when the address is not a plausible email address
     */
    void optOut(String normalisedEmail, OptOut what);

    /**
     * Whether this person has opted out of {@code what} (an opt-out stays in effect until an opt-in
     * has been confirmed from the address).
     */
    boolean hasOptedOut(String normalisedEmail, OptOut what);

    /**
     * The normalised form of an email address as typed, or empty when it is not a plausible address.
     */
    Optional<String> normaliseEmail(String typed);

    /**
     * The version of the privacy policy in effect now (for example {@code 2026-2}), to record with a
     * disclosure of personal data.
     *
     * @since 1.1
     */
    String policyVersion();

    /**
     * The confirmation to send for the pending opt-in request {@code requestId} (the {@code optInRequest}
     * of a {@code consent.opt-in-requested} event), or empty when it is no longer pending: confirmed,
     * expired, or erased with the person's data.
     *
     * @since 1.2
     */
    Optional<OptInConfirmation> optInConfirmation(String requestId);
}
