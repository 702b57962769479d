package org.cec.portal.directory.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The operator's directory settings (PID {@value #PID}): demonstration data, how homeowners choose
 * contractors for a request, how many search answers are kept in memory, and which sites may read the
 * search API from a browser.
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

        @AttributeDefinition(
                name = "Searches kept",
                description = "How many recent searches (one page of results each) are kept in memory and answered"
                        + " again without searching, until the directory changes (0 to 100000; 0 keeps none).",
                min = "0",
                max = "100000")
        int search_cache_entries() default DEFAULT_SEARCH_CACHE_ENTRIES;

        @AttributeDefinition(
                name = "Memory for kept answers (MiB)",
                description = "The most the ready answers of kept searches take, the JSON of GET /api/v1/contractors"
                        + " and the results of /contractors together, in MiB (1 to 1024).",
                min = "1",
                max = "1024")
        int search_cache_mb() default DEFAULT_SEARCH_CACHE_MB;

        @AttributeDefinition(
                name = "Sites that may call the search API",
                description = "Origins (https://partner.example.org, with a port when not the default) whose pages may"
                        + " read GET /api/v1/contractors from visitors' browsers (CORS). '*': any site (the answers"
                        + " are public); empty: none, only servers and the portal's own pages.")
        String[] api_allowedOrigins() default {"*"};
    }

    /** Searches kept by default. */
    public static final int DEFAULT_SEARCH_CACHE_ENTRIES = 4096;

    /** MiB for kept answers by default. */
    public static final int DEFAULT_SEARCH_CACHE_MB = 64;

    private final Demo demo;
    private final int maxChoices;
    private final int choiceRadius;
    private final int choiceDays;
    private final int searchCacheEntries;
    private final int searchCacheMb;
    private final ApiOrigins apiOrigins;

    @Activate
    public DirectorySettings(Config config) {
        this(
                demoOf(config.demo_enabled()),
                clamp(config.choices_max(), 1, 10),
                clamp(config.choices_radius(), 1, 100),
                clamp(config.choices_days(), 1, 365),
                clamp(config.search_cache_entries(), 0, 100_000),
                clamp(config.search_cache_mb(), 1, 1024),
                ApiOrigins.of(config.api_allowedOrigins()));
    }

    /** Settings as given, searches kept as by default (for tests). */
    public DirectorySettings(Demo demo, int maxChoices, int choiceRadius, int choiceDays) {
        this(demo, maxChoices, choiceRadius, choiceDays, DEFAULT_SEARCH_CACHE_ENTRIES, DEFAULT_SEARCH_CACHE_MB);
    }

    /** Settings as given (for tests). */
    public DirectorySettings(
            Demo demo, int maxChoices, int choiceRadius, int choiceDays, int searchCacheEntries, int searchCacheMb) {
        this(demo, maxChoices, choiceRadius, choiceDays, searchCacheEntries, searchCacheMb, ApiOrigins.ANY);
    }

    private DirectorySettings(
            Demo demo,
            int maxChoices,
            int choiceRadius,
            int choiceDays,
            int searchCacheEntries,
            int searchCacheMb,
            ApiOrigins apiOrigins) {
        this.apiOrigins = apiOrigins;
        this.demo = demo;
        this.maxChoices = maxChoices;
        this.choiceRadius = choiceRadius;
        this.choiceDays = choiceDays;
        this.searchCacheEntries = searchCacheEntries;
        this.searchCacheMb = searchCacheMb;
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

    /** How many searches are kept (0: none). */
    public int searchCacheEntries() {
        return searchCacheEntries;
    }

    /** The most the kept answers of searches take, in bytes (the JSON and the page results together). */
    public long searchCacheBytes() {
        return searchCacheMb * 1024L * 1024L;
    }

    /** The sites whose pages may read the search API from a browser. */
    public ApiOrigins apiOrigins() {
        return apiOrigins;
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
