package ${package};

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.osgi.service.component.annotations.Component;

/**
 * Questions of this plugin on the request form ({@code /request}, services step), also accepted by
 * {@code POST /api/v1/requests} as {@code sections.${artifactId}.<field>} and listed by
 * {@code GET /api/v1/services}.
 *
 * <p>The portal checks what each field declares (required, options, length); {@link #validate} adds
 * the rules across fields. The answers are stored with the request and shown to the contractors the
 * homeowner chooses. The class holds no state and does no I/O: it is called on every form page.
 */
@Component
public final class PartnerSection implements IntakeSection {

    static final String ID = "${artifactId}";
    static final String INTEREST = "interest";
    static final String TOPIC = "topic";

    private static final List<IntakeField> FIELDS = List.of(
            IntakeField.choice(
                    INTEREST,
                    "%section.interest.label",
                    List.of(
                            new FieldOption("yes", "%section.interest.yes"),
                            new FieldOption("no", "%section.interest.no"))),
            IntakeField.text(TOPIC, "%section.topic.label")
                    .optional()
                    .withMaxLength(100)
                    .withHint("%section.topic.hint"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String title() {
        return "%section.title";
    }

    @Override
    public String description() {
        return "%section.description";
    }

    @Override
    public List<IntakeField> fields() {
        return FIELDS;
    }

    @Override
    public Map<String, String> validate(Map<String, String> answers) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!"yes".equals(answers.getOrDefault(INTEREST, ""))
                && !answers.getOrDefault(TOPIC, "").isBlank()) {
            errors.put(TOPIC, "%section.error.topic-without-interest");
        }
        return errors;
    }

    @Override
    public int rank() {
        return 800;
    }
}
