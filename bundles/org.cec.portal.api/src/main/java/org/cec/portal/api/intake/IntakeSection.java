package org.cec.portal.api.intake;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A titled group of extra questions on the request form, contributed by a plugin. Register one as an
 * OSGi service and it appears on the services step of the next form that is loaded (and its answers
 * are accepted by {@code POST /api/v1/requests} under {@code sections.<id>.<field id>}); unregister
 * it and the form works without it, while requests stored with its answers keep them.
 *
 * <p>The questions are a declarative list of {@link IntakeField}s: the portal renders them in its own
 * accessible, escaped markup, keeps what was typed between the steps, and checks the basic rules of
 * each field (required, length, number range, options). The section adds its own rules in {@link
 * #validate}. Answers are stored as text with the request, under the section's {@link #id} and
 * {@link #version} together with the labels shown at that time, so staff can read them even after the
 * section is gone.
 *
 * <pre>{@code
 * @Component
 * public final class RebateSection implements IntakeSection {
 *     public String id() { return "rebates"; }
 *     public int version() { return 1; }
 *     public String title() { return "Rebate eligibility"; }
 *     public List<IntakeField> fields() {
 *         return List.of(IntakeField.number("household-size", "People in your household", 1, 20));
 *     }
 * }
 * }</pre>
 *
 * <p>The form reads {@link #id()}, {@link #version()}, {@link #title()}, {@link #description()},
 * {@link #rank()} and {@link #fields()} when the section is registered (and again when its service
 * properties change) and shows that until the service goes: they describe a fixed set of questions.
 * To change the questions, register the service anew (or update its properties). {@code validate} is
 * called for every submitted step. Methods must be fast and free of I/O; they may be called from
 * several threads at once.
 *
 * <p><b>Texts in several languages.</b> The {@link #title()}, the {@link #description()}, each
 * field's {@link IntakeField#label() label} and {@link IntakeField#hint() hint}, each {@link
 * FieldOption#label() option label} and the messages {@link #validate} returns may be message keys
 * written as {@code %key} (for example {@code "%rebates.title"}). The form looks them up in the
 * visitor's language in the messages of the bundle that registered this section: {@code
 * messages/messages.properties} (English, the fallback of every language) and {@code
 * messages/messages_es.properties} (Spanish), UTF-8. A text the bundle lacks in Spanish is shown in
 * English, never as its key; a text without {@code %} is shown as it is. Stored answers keep the
 * labels in the language the homeowner saw.
 */
@ConsumerType
public interface IntakeSection {

    /**
     * A stable id: 1 to 40 of {@code a-z 0-9 -}, starting with a letter. Sections must have distinct
     * ids; of two with the same id the one with the lower rank is used.
     */
    String id();

    /**
     * The version of the questions, 1 or more. Increase it when the meaning of the fields changes, so
     * stored answers can be told apart.
     */
    int version();

    /** The heading of the group, for example "Rebate eligibility", or a {@code %key}. */
    String title();

    /** One optional sentence under the title; empty for none. */
    default String description() {
        return "";
    }

    /** The questions, in the order they are shown. At most 30. */
    List<IntakeField> fields();

    /**
     * The section's own rules, checked after the portal's checks of each field passed. {@code answers}
     * holds every field id of {@link #fields()} with the stripped answer (empty when left empty).
     *
     * @return a message per field id that is wrong, in plain words addressed to the homeowner (for
     *     example "Enter the number of people living with you, 1 to 20.") or as a {@code %key} of the
     *     plugin's messages, shown in the visitor's language; empty when all is well
     */
    default Map<String, String> validate(Map<String, String> answers) {
        return Map.of();
    }

    /** Order among the sections on the form, ascending. */
    default int rank() {
        return 100;
    }
}
