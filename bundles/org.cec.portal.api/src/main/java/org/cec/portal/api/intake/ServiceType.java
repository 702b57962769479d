package org.cec.portal.api.intake;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of service a homeowner can request, such as rooftop solar or a heat pump. Register one as an
 * OSGi service and it is a checkbox on the next request form that is loaded (and an accepted id of
 * {@code POST /api/v1/requests}); unregister it and it is gone from the form. Requests already stored
 * keep the service's id and label.
 *
 * <pre>{@code
 * @Component
 * public final class GeothermalService implements ServiceType {
 *     public String id() { return "geothermal"; }
 *     public String label() { return "Geothermal heat pump"; }
 * }
 * }</pre>
 *
 * <p><b>Texts in several languages.</b> {@link #label()} and {@link #description()} may be a message
 * key written as {@code %key} (for example {@code "%geothermal.label"}): the form looks it up, in the
 * visitor's language, in the {@code messages/messages.properties} (English) and {@code
 * messages/messages_es.properties} (Spanish) of the bundle that registered this service. A language
 * the bundle has no text for shows the English text; a text without {@code %} is shown as it is.
 * Requests store the label in the language it was shown in.
 */
@ConsumerType
public interface ServiceType {

    /**
     * A stable id, stored with each request and sent by the form and the API: 1 to 64 of {@code a-z
     * 0-9 -}, starting with a letter (for example {@code heat-pump}). Ids must be unique; of two
     * services with the same id the one with the lower rank is used.
     */
    String id();

    /** The checkbox text, short (for example "Heat pump"), or a {@code %key} of the plugin's messages. */
    String label();

    /** One optional sentence shown under the checkbox, or a {@code %key}; empty for none. */
    default String description() {
        return "";
    }

    /** Sort order on the form, ascending; services with the same rank are sorted by label. */
    default int rank() {
        return 100;
    }
}
