package org.cec.portal.directory.internal.pages;

import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/contractors}: the search of {@code /contractors} as JSON, for partner sites
 * (documented in {@code docs/directory-api.md}). Wrong parameters get 400 with {@code {"error":
 * message, "field": parameter}}. The answer is streamed with a JSON generator; it may be cached
 * publicly for a minute.
 */
@Component(service = Servlet.class, property = Languages.OWNS_LANG_PROPERTY + ":Boolean=true")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(ContractorApi.PATH)
public final class ContractorApi extends HttpServlet {

    static final String PATH = "/api/v1/contractors";
    static final String CACHE = "public, max-age=60";
    private static final long serialVersionUID = 1L;

    private final transient Searches searches;
    private final transient Messages messages;

    @Activate
    public ContractorApi(@Reference Searches searches, @Reference Translations translations, BundleContext context) {
        this(searches, translations.of(context.getBundle()));
    }

    ContractorApi(Searches searches, Messages messages) {
        this.searches = searches;
        this.messages = messages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Languages.of(request);
        Searches.Outcome outcome = searches.run(request, locale);
        SearchForm form = outcome.form();
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Vary", "Accept-Language, Cookie");
        if (!form.problems().isEmpty() || outcome.result() == null) {
            SearchForm.Problem problem = form.problems().isEmpty()
                    ? new SearchForm.Problem(SearchForm.ZIP, "directory.search.error.zip.missing", null)
                    : form.problems().get(0);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setHeader("Cache-Control", "no-store");
            response.getWriter()
                    .write(ContractorJson.error(Searches.message(messages, locale, problem), problem.field()));
            return;
        }
        response.setHeader("Cache-Control", CACHE);
        write(
                response.getWriter(),
                form.query(),
                outcome.result(),
                searches.services().labels(locale),
                locale);
    }

    static void write(
            Writer out, ContractorQuery query, SearchResult result, Map<String, String> labels, Locale locale) {
        LocalDate today = LocalDate.now();
        try (JsonGenerator g = ContractorJson.generator(out)) {
            g.writeStartObject();
            g.writeStartObject("query");
            g.write("zip", query.zip());
            g.write("radiusMiles", query.radiusMiles());
            nullable(g, "service", query.service());
            nullable(g, "cert", query.certification());
            nullable(g, "lang", query.language());
            g.writeEnd();
            g.write("language", ContractorJson.tag(locale));
            g.write("total", result.total());
            g.write("page", result.page());
            g.write("pages", result.pages());
            g.write("pageSize", result.pageSize());
            if (result.page() > 1) {
                g.write(
                        "prev",
                        Searches.link(PATH, query, query.radiusMiles(), Math.min(result.page() - 1, result.pages())));
            } else {
                g.writeNull("prev");
            }
            if (result.page() < result.pages()) {
                g.write("next", Searches.link(PATH, query, query.radiusMiles(), result.page() + 1));
            } else {
                g.writeNull("next");
            }
            g.writeStartArray("contractors");
            for (ContractorMatch m : result.matches()) {
                ContractorJson.write(g, m, labels, today);
            }
            g.writeEnd();
            g.writeEnd();
        }
    }

    private static void nullable(JsonGenerator g, String name, String value) {
        if (value == null) {
            g.writeNull(name);
        } else {
            g.write(name, value);
        }
    }
}
