package org.cec.portal.example.rebates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.osgi.service.component.annotations.Component;

/**
 * "Rebate eligibility": three questions a rebate programme asks before it can tell a homeowner what
 * they may get, added to the services step of the request form at {@code /request} (and accepted by
 * {@code POST /api/v1/requests} as {@code sections.rebates.<field>}).
 *
 * <p>The portal checks what every field declares (required, the number range, the options, the length);
 * {@link #validate} adds this section's own rules, across fields: the utility's name is needed exactly
 * when "Another utility" is chosen, and may contain only the characters of a company name.
 *
 * <p>Every text is a {@code %key} of this bundle's {@code messages/messages.properties} (English) and
 * {@code messages/messages_es.properties} (Spanish): the portal looks them up in the visitor's language.
 *
 * <p>The class holds no state and does no I/O, as the SPI asks: it is called on every form page.
 */
@Component
public final class RebateSection implements IntakeSection {

    static final String ID = "rebates";
    static final String HOUSEHOLD_SIZE = "household-size";
    static final String INCOME = "income-range";
    static final String UTILITY = "utility";
    static final String OTHER_UTILITY = "utility-other";
    static final String OTHER = "other";

    private static final List<IntakeField> FIELDS = List.of(
            IntakeField.number(HOUSEHOLD_SIZE, "%rebates.household-size.label", 1, 20)
                    .withHint("%rebates.household-size.hint"),
            IntakeField.choice(
                            INCOME,
                            "%rebates.income-range.label",
                            List.of(
                                    new FieldOption("under-50k", "%rebates.income-range.under-50k"),
                                    new FieldOption("50k-100k", "%rebates.income-range.50k-100k"),
                                    new FieldOption("100k-150k", "%rebates.income-range.100k-150k"),
                                    new FieldOption("150k-plus", "%rebates.income-range.150k-plus"),
                                    new FieldOption("prefer-not", "%rebates.income-range.prefer-not")))
                    .withHint("%rebates.income-range.hint"),
            IntakeField.choice(
                    UTILITY,
                    "%rebates.utility.label",
                    List.of(
                            new FieldOption("pge", "%rebates.utility.pge"),
                            new FieldOption("sce", "%rebates.utility.sce"),
                            new FieldOption("sdge", "%rebates.utility.sdge"),
                            new FieldOption("smud", "%rebates.utility.smud"),
                            new FieldOption("ladwp", "%rebates.utility.ladwp"),
                            new FieldOption(OTHER, "%rebates.utility.other"),
                            new FieldOption("unknown", "%rebates.utility.unknown"))),
            IntakeField.text(OTHER_UTILITY, "%rebates.utility-other.label")
                    .optional()
                    .withMaxLength(100)
                    .withHint("%rebates.utility-other.hint"));

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
        return "%rebates.title";
    }

    @Override
    public String description() {
        return "%rebates.description";
    }

    @Override
    public List<IntakeField> fields() {
        return FIELDS;
    }

    @Override
    public Map<String, String> validate(Map<String, String> answers) {
        Map<String, String> errors = new LinkedHashMap<>();
        String utility = answers.getOrDefault(UTILITY, "");
        String other = answers.getOrDefault(OTHER_UTILITY, "");
        if (OTHER.equals(utility) && other.isBlank()) {
            errors.put(OTHER_UTILITY, "%rebates.error.utility-other.missing");
        } else if (!OTHER.equals(utility) && !other.isBlank()) {
            errors.put(OTHER_UTILITY, "%rebates.error.utility-other.unexpected");
        }
        if (!other.isBlank() && !other.matches("[\\p{L}\\p{N} .,&'()/-]+")) {
            errors.putIfAbsent(OTHER_UTILITY, "%rebates.error.utility-other.characters");
        }
        return errors;
    }

    @Override
    public int rank() {
        return 500;
    }
}
