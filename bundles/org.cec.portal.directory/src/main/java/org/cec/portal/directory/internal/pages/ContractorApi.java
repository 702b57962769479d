package org.cec.portal.directory.internal.pages;

import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import org.cec.portal.directory.internal.ApiOrigins;
import org.cec.portal.directory.internal.DirectorySettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/contractors}: the search of {@code /contractors} as JSON, for partner sites
 * (documented in {@code docs/directory-api.md}). Wrong parameters get 400 with {@code {"error":
 * message, "field": parameter}}. The answer is written with a JSON generator; it may be cached
 * publicly for a minute. The JSON of a search result is kept beside it ({@link KeptAnswers}, half of
 * {@link DirectorySettings#searchCacheBytes()}): the same search on an unchanged directory is answered
 * with the same bytes without writing them again.
 *
 * <p>Partner sites may read it from their visitors' browsers: an {@code Origin} that {@link
 * DirectorySettings#apiOrigins()} allows gets {@code Access-Control-Allow-Origin} (never with
 * credentials), and a preflight {@code OPTIONS} is answered for {@code GET}.
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
    private final transient KeptAnswers<byte[]> answers;
    private final transient ApiOrigins origins;

    @Activate
    public ContractorApi(
            @Reference Searches searches,
            @Reference Translations translations,
            @Reference DirectorySettings settings,
            BundleContext context) {
        this(searches, translations.of(context.getBundle()), settings.searchCacheBytes() / 2, settings.apiOrigins());
    }

    ContractorApi(Searches searches, Messages messages) {
        this(searches, messages, DirectorySettings.defaults().searchCacheBytes() / 2, ApiOrigins.ANY);
    }

    /** An API keeping up to {@code keptBytes} of answers (0: none), readable from the pages of {@code origins}. */
    ContractorApi(Searches searches, Messages messages, long keptBytes, ApiOrigins origins) {
        this.searches = searches;
        this.messages = messages;
        this.answers = new KeptAnswers<>(keptBytes, bytes -> bytes.length);
        this.origins = origins;
    }

    /** A browser's preflight: a partner page may {@code GET}, with the headers a page may set on such a request. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Allow", "GET, HEAD, OPTIONS");
        response.setHeader("Vary", "Origin");
        origins.allow(request.getHeader("Origin")).ifPresent(origin -> {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Methods", "GET");
            response.setHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Language");
            response.setHeader("Access-Control-Max-Age", "86400");
        });
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Languages.of(request);
        Searches.Outcome outcome = searches.run(request, locale);
        SearchForm form = outcome.form();
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Vary", "Accept-Language, Cookie, Origin");
        origins.allow(request.getHeader("Origin"))
                .ifPresent(origin -> response.setHeader("Access-Control-Allow-Origin", origin));
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
        ContractorQuery query = form.query();
        SearchResult result = outcome.result();
        Map<String, String> labels = searches.services().labels(locale);
        LocalDate today = LocalDate.now();
        byte[] body = answers.get(result, query, locale, labels, today, null);
        if (body == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
            write(out, query, result, labels, locale, today);
            body = out.toByteArray();
            answers.put(result, query, locale, labels, today, null, body);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static void write(
            OutputStream out,
            ContractorQuery query,
            SearchResult result,
            Map<String, String> labels,
            Locale locale,
            LocalDate today) {
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
