package org.cec.portal.directory.internal.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cec.portal.api.directory.ContractorQuery;

/**
 * The search parameters of {@code GET /contractors} and {@code GET /api/v1/contractors} ({@code zip,
 * radius, service, cert, lang, page}), read and checked. What was typed is kept (shortened to {@link
 * #MAX_VALUE}) so the form shows it again; each problem names its parameter and a message key of the
 * directory's messages ({@code directory.search.error.*}).
 *
 * <p>Other parameters are ignored, but the whole query string is refused beyond {@link #MAX_QUERY}
 * characters, and each of the six may be given once.
 */
final class SearchForm {

    static final String ZIP = "zip";
    static final String RADIUS = "radius";
    static final String SERVICE = "service";
    static final String CERT = "cert";
    static final String LANG = "lang";
    static final String PAGE = "page";

    /** The parameters of a search, in the order their problems are listed. */
    static final List<String> PARAMETERS = List.of(ZIP, RADIUS, SERVICE, CERT, LANG, PAGE);

    /** Longest query string accepted, in characters (a search needs well under 300). */
    static final int MAX_QUERY = 2_048;

    /** Longest value of one parameter, in characters. */
    static final int MAX_VALUE = 100;

    private static final Pattern ZIP_CODE = Pattern.compile("[0-9]{5}(-[0-9]{4})?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    /**
     * A problem with one parameter.
     *
     * @param field the parameter, or {@code null} for the query as a whole
     * @param key the message key
     * @param argument the message's one argument (the parameter's name, a limit), or null
     */
    record Problem(String field, String key, Object argument) {}

    private final Map<String, String> typed;
    private final List<Problem> problems;
    private final ContractorQuery query;
    private final int radius;

    private SearchForm(Map<String, String> typed, List<Problem> problems, ContractorQuery query, int radius) {
        this.typed = typed;
        this.problems = problems;
        this.query = query;
        this.radius = radius;
    }

    /**
     * Reads a search.
     *
     * @param parameters the request's parameters (the servlet's {@code getParameterMap()})
     * @param queryLength the length of the raw query string (0 when there is none)
     * @param zips which ZIP codes exist
     * @param services the ids of the services offered now
     * @param pageSize the page size of the query
     */
    static SearchForm read(
            Map<String, String[]> parameters,
            int queryLength,
            Predicate<String> zips,
            Set<String> services,
            int pageSize) {
        Map<String, String> typed = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        if (queryLength > MAX_QUERY) {
            problems.add(new Problem(null, "directory.search.error.query", MAX_QUERY));
            return new SearchForm(typed, problems, null, ContractorQuery.DEFAULT_RADIUS);
        }
        for (String name : PARAMETERS) {
            String[] values = parameters.get(name);
            if (values == null || values.length == 0) {
                continue;
            }
            String value = values[0] == null ? "" : values[0].strip();
            typed.put(name, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
            if (values.length > 1) {
                problems.add(new Problem(name, "directory.search.error.repeated", name));
            } else if (value.length() > MAX_VALUE) {
                problems.add(new Problem(name, "directory.search.error.long", MAX_VALUE));
            }
        }
        String zip = null;
        int radius = ContractorQuery.DEFAULT_RADIUS;
        int page = 1;
        String service = null;
        String cert = null;
        String lang = null;
        if (typed.containsKey(ZIP) && !hasProblem(problems, ZIP)) {
            String value = typed.get(ZIP);
            if (value.isEmpty()) {
                problems.add(new Problem(ZIP, "directory.search.error.zip.missing", null));
            } else if (!ZIP_CODE.matcher(value).matches()) {
                problems.add(new Problem(ZIP, "directory.search.error.zip.format", null));
            } else if (!zips.test(value.substring(0, 5))) {
                problems.add(new Problem(ZIP, "directory.search.error.zip.unknown", value.substring(0, 5)));
            } else {
                zip = value.substring(0, 5);
            }
        }
        if (present(typed, RADIUS) && !hasProblem(problems, RADIUS)) {
            int r = number(typed.get(RADIUS));
            if (r < ContractorQuery.MIN_RADIUS || r > ContractorQuery.MAX_RADIUS) {
                problems.add(new Problem(RADIUS, "directory.search.error.radius", ContractorQuery.MAX_RADIUS));
            } else {
                radius = r;
            }
        }
        if (present(typed, SERVICE) && !hasProblem(problems, SERVICE)) {
            String value = typed.get(SERVICE);
            if (!SERVICE_ID.matcher(value).matches() || !services.contains(value)) {
                problems.add(new Problem(SERVICE, "directory.search.error.service", null));
            } else {
                service = value;
            }
        }
        if (present(typed, CERT) && !hasProblem(problems, CERT)) {
            String value = typed.get(CERT);
            if (value.chars().anyMatch(Character::isISOControl)) {
                problems.add(new Problem(CERT, "directory.search.error.cert", null));
            } else {
                cert = value;
            }
        }
        if (present(typed, LANG) && !hasProblem(problems, LANG)) {
            String value = typed.get(LANG).toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(value).matches() || !ISO_LANGUAGES.contains(value)) {
                problems.add(new Problem(LANG, "directory.search.error.lang", null));
            } else {
                lang = value;
            }
        }
        if (present(typed, PAGE) && !hasProblem(problems, PAGE)) {
            int p = number(typed.get(PAGE));
            if (p < 1 || p > ContractorQuery.MAX_PAGE) {
                problems.add(new Problem(PAGE, "directory.search.error.page", ContractorQuery.MAX_PAGE));
            } else {
                page = p;
            }
        }
        ContractorQuery query = problems.isEmpty() && zip != null
                ? new ContractorQuery(zip, radius, service, cert, lang, page, pageSize)
                : null;
        problems.sort(java.util.Comparator.comparingInt(p -> p.field() == null ? -1 : PARAMETERS.indexOf(p.field())));
        return new SearchForm(typed, List.copyOf(problems), query, radius);
    }

    private static boolean present(Map<String, String> typed, String name) {
        String value = typed.get(name);
        return value != null && !value.isEmpty();
    }

    private static boolean hasProblem(List<Problem> problems, String field) {
        for (Problem p : problems) {
            if (field.equals(p.field())) {
                return true;
            }
        }
        return false;
    }

    /** The number written as 1 to 6 digits, else -1. */
    private static int number(String value) {
        return DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
    }

    /** What was typed, by parameter name (absent parameters are missing), shortened to {@link #MAX_VALUE}. */
    Map<String, String> typed() {
        return typed;
    }

    /** The problems, in the order of {@link #PARAMETERS}; empty when the parameters are fine. */
    List<Problem> problems() {
        return problems;
    }

    /** Whether a search was asked for: the {@code zip} parameter is there (maybe with problems). */
    boolean searched() {
        return typed.containsKey(ZIP) || !problems.isEmpty();
    }

    /** The query to run: present when a ZIP was given and nothing is wrong. */
    ContractorQuery query() {
        return query;
    }

    /** The same parameters, the ZIP found not to exist after all (the directory said so). */
    SearchForm withZipUnknown() {
        String zip = typed.getOrDefault(ZIP, "");
        return new SearchForm(
                typed,
                List.of(new Problem(
                        ZIP, "directory.search.error.zip.unknown", zip.length() >= 5 ? zip.substring(0, 5) : zip)),
                null,
                radius);
    }

    /** The radius asked for (the default when none or a wrong one was given). */
    int radius() {
        return radius;
    }
}
