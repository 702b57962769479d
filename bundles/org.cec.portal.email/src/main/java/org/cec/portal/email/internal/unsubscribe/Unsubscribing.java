package org.cec.portal.email.internal.unsubscribe;

import jakarta.json.spi.JsonProvider;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Opts the owner of an unsubscribe token out of marketing email, through the consent API, so the
 * opt-out is in effect when {@link #unsubscribe} returns (and every later commercial message to the
 * address is refused by the {@code Mailer}); then appends {@code email.unsubscribed} (how, never who:
 * consent's own {@code consent.opt-out} event records the person).
 */
@Component(service = Unsubscribing.class)
public final class Unsubscribing {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The event type. */
    public static final String EVENT = "email.unsubscribed";

    /** How a person unsubscribed. */
    public enum Via {
        /** They opened the link. */
        LINK("link"),
        /** Their mail program posted the one-click request (RFC 8058). */
        ONE_CLICK("one-click");

        /** The event's payload: {@code {"via": ...}}. */
        private final String payload;

        Via(String id) {
            this.payload = JSON.createObjectBuilder().add("via", id).build().toString();
        }
    }

    private final UnsubscribeTokens tokens;
    private final ConsentService consent;
    private final ModuleDatabase db;
    private final PortalEvents events;

    @Activate
    public Unsubscribing(
            @Reference UnsubscribeTokens tokens,
            @Reference ConsentService consent,
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference PortalEvents events) {
        this.tokens = tokens;
        this.consent = consent;
        this.db = db;
        this.events = events;
    }

    /** Whether the token is one of ours (for HEAD, which changes nothing). */
    public boolean valid(String token) {
        return tokens.addressOf(token).isPresent();
    }

    /**
     * Opts the token's address out of marketing email; false (and nothing changed) for a token that is
     * malformed, altered or foreign.
     */
    public boolean unsubscribe(String token, Via via) {
        Optional<String> address = tokens.addressOf(token);
        if (address.isEmpty()) {
            return false;
        }
        try {
            consent.optOut(address.get(), OptOut.MARKETING_EMAIL);
        } catch (IllegalArgumentException notAnAddress) {
            // only a token sealed by another version around a non-address could get here
            return false;
        }
        db.inTransaction(em -> events.append(EVENT, via.payload));
        return true;
    }
}
