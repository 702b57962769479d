package org.cec.portal.privacy.internal.retention;

import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How long each area keeps what it may keep only for a time (PID {@value #PID}): the one place an
 * operator sets retention. An area without an age keeps everything.
 *
 * @param problem why the configuration cannot be used, in English (the log's words); {@code ""} when it can
 * @param problemKey the same as the console's message key of this bundle; {@code ""} when it can be used
 * @param problemArg that message's argument; {@code ""} when it takes none
 */
public record RetentionSettings(
        boolean enabled,
        LocalTime runAt,
        int batch,
        Map<String, Period> ages,
        String problem,
        String problemKey,
        String problemArg) {

    /**
     * Why a configuration cannot be used: in English ({@link #getMessage}, for the log) and as the
     * console's text, a message key of this bundle and its argument ({@code ""} when it takes none).
     */
    public static final class Unusable extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String key;
        private final String arg;

        Unusable(String english, String key, String arg) {
            super(english);
            this.key = key;
            this.arg = arg;
        }

        public String key() {
            return key;
        }

        public String arg() {
            return arg;
        }
    }

    /** The configuration PID (console: "CEC Portal: privacy retention"). */
    public static final String PID = "org.cec.portal.privacy.retention";

    @ObjectClassDefinition(
            name = "CEC Portal: privacy retention",
            description = "How long the portal keeps personal data that is no longer used: a daily job erases persons"
                    + " whose service requests have been inactive for the given months, empties the content of old"
                    + " email, and applies the ages given for partners' areas. Drafts keep their own retention"
                    + " (CEC Portal: intake, drafts.retentionDays); analytics too (CEC Portal: analytics).")
    public @interface Config {
        @AttributeDefinition(
                name = "Run daily",
                description = "Whether the daily job runs (the console can run it any time).")
        boolean enabled() default true;

        @AttributeDefinition(name = "Time of day (UTC)", description = "When the daily job runs, HH:MM in UTC.")
        String run_at() default "03:30";

        @AttributeDefinition(
                name = "Service requests: months without activity",
                description = "A person whose every service request has had no activity (submitted, status changed)"
                        + " for this many months is erased through every module, as if they had asked (their email"
                        + " opt-outs stay). 0 keeps them for ever.")
        int intake_months() default 24;

        @AttributeDefinition(
                name = "Email content: days",
                description = "The subject, bodies and headers of messages sent (or given up) this many days ago are"
                        + " emptied; that a message went stays until the person's erasure. 0 keeps them for ever.")
        int email_days() default 180;

        @AttributeDefinition(
                name = "Other areas",
                description = "area=days for the areas of partners' plugins, such as partner-notes=90.")
        String[] other_areas() default {};

        @AttributeDefinition(
                name = "Persons per run",
                description = "At most this many inactive persons are erased per area and run; the rest follow the"
                        + " next day.")
        int batch() default 500;
    }

    /**
     * The settings of a configuration; a value that cannot be used is refused with the reason.
     *
     * @throws Unusable when a value cannot be used
     */
    static RetentionSettings of(Config config) {
        LocalTime at;
        try {
            at = LocalTime.parse(config.run_at().strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Unusable(
                    "run.at must be HH:MM (UTC), such as 03:30", "console.privacy.retention.config.runAt", "");
        }
        if (config.intake_months() < 0 || config.email_days() < 0 || config.batch() < 1) {
            throw new Unusable(
                    "intake.months and email.days must be 0 or more, batch 1 or more",
                    "console.privacy.retention.config.negative",
                    "");
        }
        Map<String, Period> ages = new HashMap<>();
        if (config.intake_months() > 0) {
            ages.put("intake", Period.ofMonths(config.intake_months()));
        }
        if (config.email_days() > 0) {
            ages.put("email", Period.ofDays(config.email_days()));
        }
        for (String entry : config.other_areas() == null ? new String[0] : config.other_areas()) {
            int eq = entry.indexOf('=');
            try {
                int days = Integer.parseInt(entry.substring(eq + 1).strip());
                if (eq < 1 || days < 1) {
                    throw new NumberFormatException();
                }
                ages.put(entry.substring(0, eq).strip(), Period.ofDays(days));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new Unusable(
                        "other.areas entries are area=days with days 1 or more: " + entry,
                        "console.privacy.retention.config.otherAreas",
                        entry);
            }
        }
        return new RetentionSettings(config.enabled(), at, config.batch(), Map.copyOf(ages), "", "", "");
    }

    /**
     * The settings of a configuration that cannot be used: nothing runs and nothing goes (a typo must
     * never erase more than the operator meant); the console page shows {@code reason}.
     */
    static RetentionSettings unusable(Unusable reason) {
        return new RetentionSettings(
                false, LocalTime.of(3, 30), 1, Map.of(), reason.getMessage(), reason.key(), reason.arg());
    }

    /** The time before which {@code area}'s things go, at {@code now}; empty when it keeps everything. */
    Optional<Instant> cutoff(String area, Instant now) {
        Period age = ages.get(area);
        return age == null
                ? Optional.empty()
                : Optional.of(now.atZone(ZoneOffset.UTC).minus(age).toInstant());
    }
}
