package org.cec.portal.directory.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The operator's directory settings (PID {@value #PID}): demonstration data, and how homeowners choose
 * contractors for a request.
 */
@Component(service = DirectorySettings.class, configurationPid = DirectorySettings.PID)
@Designate(ocd = DirectorySettings.Config.class)
public final class DirectorySettings {

    public static final String PID = "org.cec.portal.directory";

    /** Whether the fictional demonstration contractors are loaded into an empty directory. */
    public enum Demo {
        /** Only on the embedded H2 database, never on PostgreSQL. */
        AUTO,
        /** Always on an empty directory, PostgreSQL included. */
        TRUE,
        /** Never; demonstration contractors already loaded are deactivated. */
        FALSE
    }

    @ObjectClassDefinition(
            name = "CEC Portal: contractor directory",
            description = "Demonstration data and how homeowners choose the contractors who receive their request.")
    public @interface Config {
        @AttributeDefinition(
                name = "Demonstration contractors",
                description = "About 200 fictional contractors, shown with a \"Demo\" badge, loaded into an empty"
                        + " directory: 'auto' on the embedded H2 database only, 'true' on any database, 'false'"
                        + " never (and those already loaded are hidden).",
                options = {
                    @Option(label = "auto (embedded H2 only)", value = "auto"),
                    @Option(label = "true", value = "true"),
                    @Option(label = "false", value = "false")
                })
        String demo_enabled() default "auto";

        @AttributeDefinition(
                name = "Contractors per request",
                description = "How many contractors a homeowner may choose for one request (1 to 10).",
                min = "1",
                max = "10")
        int choices_max() default 3;

        @AttributeDefinition(
                name = "Radius offered after a request (miles)",
                description = "The confirmation page offers contractors within this distance of the request's ZIP"
                        + " (1 to 100).",
                min = "1",
                max = "100")
        int choices_radius() default 25;

        @AttributeDefinition(
                name = "Days to choose",
                description = "How long after a request its homeowner may still choose contractors (1 to 365).",
                min = "1",
                max = "365")
        int choices_days() default 30;
    }

    private final Demo demo;
    private final int maxChoices;
    private final int choiceRadius;
    private final int choiceDays;

    @Activate
    public DirectorySettings(Config config) {
        this(
                demoOf(config.demo_enabled()),
                clamp(config.choices_max(), 1, 10),
                clamp(config.choices_radius(), 1, 100),
                clamp(config.choices_days(), 1, 365));
    }

    /** Settings as given (for tests). */
    public DirectorySettings(Demo demo, int maxChoices, int choiceRadius, int choiceDays) {
        this.demo = demo;
        this.maxChoices = maxChoices;
        this.choiceRadius = choiceRadius;
        this.choiceDays = choiceDays;
    }

    /** The defaults. */
    public static DirectorySettings defaults() {
        return new DirectorySettings(Demo.AUTO, 3, 25, 30);
    }

    public Demo demo() {
        return demo;
    }

    public int maxChoices() {
        return maxChoices;
    }

    public int choiceRadius() {
        return choiceRadius;
    }

    public int choiceDays() {
        return choiceDays;
    }

    private static Demo demoOf(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Demo.TRUE;
            case "false", "no", "off" -> Demo.FALSE;
            default -> Demo.AUTO;
        };
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
