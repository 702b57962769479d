package org.cec.portal.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A fragment a module adds to every page of the portal, such as a notice or a banner. Register one
 * as an OSGi service; the shared layout asks every registered contribution on each page it renders
 * (error pages included) and shows what they return, ordered by {@link #rank()}. Unregister it
 * (stop the bundle) and it is gone from the next page.
 *
 * <p>The fragment is a Freemarker template of the contributing bundle (its {@code templates/}
 * folder, loaded through the bundle's class loader, HTML-escaped like every {@code .ftlh}). The
 * template sees the fragment's model plus what every page template sees: {@code site}, {@code
 * title}, {@code currentPath}, {@code navigation} and {@code csrf}. A contribution that throws, or
 * whose template fails, is left out of that page; the page itself is still served.
 *
 * <p>Keep {@link #contribute} fast and free of I/O where you can: it runs for every page.
 */
@ConsumerType
public interface PageContribution {

    /** Where in the layout a fragment goes. */
    enum Slot {
        /** Right after the skip link, before the site header: for notices every visitor must see. */
        TOP,
        /**
         * At the end of the page's main content, inside {@code <main>}: for additions to one page,
         * which the contribution recognises by the request's path or by a request attribute the page
         * sets (such as {@code org.cec.portal.api.intake.ServiceRequests#CONFIRMED_ATTRIBUTE}).
         *
         * @since 1.2
         */
        MAIN,
        /** After the page's content, before the footer. */
        BOTTOM
    }

    /**
     * The fragment to show on the page answering {@code request}, or empty to show nothing on it.
     *
     * @param request the request being answered; read it, never consume its body
     */
    Optional<PageFragment> contribute(HttpServletRequest request);

    /** Where the fragment goes; {@link Slot#TOP} unless overridden. */
    default Slot slot() {
        return Slot.TOP;
    }

    /** Order within the slot, ascending. */
    default int rank() {
        return 100;
    }
}
