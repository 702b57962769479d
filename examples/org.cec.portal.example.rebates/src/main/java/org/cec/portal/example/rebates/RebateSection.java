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
            IntakeField.number(HOUSEHOLD_SIZE, "People in your household", 1, 20)
                    .withHint("Everyone who lives with you, yourself included."),
            IntakeField.choice(
                            INCOME,
                            "Yearly household income, before taxes",
                            List.of(
                                    new FieldOption("under-50k", "Less than $50,000"),
                                    new FieldOption("50k-100k", "$50,000 to $99,999"),
                                    new FieldOption("100k-150k", "$100,000 to $149,999"),
                                    new FieldOption("150k-plus", "$150,000 or more"),
                                    new FieldOption("prefer-not", "I prefer not to say")))
                    .withHint("Many rebates are larger for lower incomes."),
            IntakeField.choice(
                    UTILITY,
                    "Your electric utility",
                    List.of(
                            new FieldOption("pge", "Pacific Gas and Electric (PG&E)"),
                            new FieldOption("sce", "Southern California Edison (SCE)"),
                            new FieldOption("sdge", "San Diego Gas & Electric (SDG&E)"),
                            new FieldOption("smud", "Sacramento Municipal Utility District (SMUD)"),
                            new FieldOption("ladwp", "Los Angeles Department of Water and Power (LADWP)"),
                            new FieldOption(OTHER, "Another utility"),
                            new FieldOption("unknown", "I do not know"))),
            IntakeField.text(OTHER_UTILITY, "If another utility: its name")
                    .optional()
                    .withMaxLength(100)
                    .withHint("As it appears on your electricity bill."));

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
        return "Rebate eligibility";
    }

    @Override
    public String description() {
        return "These answers help us find the rebates and incentives you may qualify for.";
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
            errors.put(OTHER_UTILITY, "Enter the name of your electric utility, as it appears on your bill.");
        } else if (!OTHER.equals(utility) && !other.isBlank()) {
            errors.put(
                    OTHER_UTILITY,
                    "Leave this empty, or choose \"Another utility\" above if your utility is not in the list.");
        }
        if (!other.isBlank() && !other.matches("[\\p{L}\\p{N} .,&'()/-]+")) {
            errors.putIfAbsent(OTHER_UTILITY, "Use only letters, digits, spaces and . , & ' ( ) / - in the name.");
        }
        return errors;
    }

    @Override
    public int rank() {
        return 500;
    }
}
