package org.cec.portal.directory.internal.pages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.directory.internal.DirectorySettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /contractors?zip=&radius=&service=&cert=&lang=&page=}: the search form and, once a ZIP is
 * given, the contractors who serve it, nearest first, 20 a page. Wrong parameters get the form again
 * with what was typed, a message at each field and a summary that takes focus (400). The content of a
 * search's page (form and results) is rendered once and kept beside its result ({@link KeptMarkup},
 * {@link KeptAnswers}: half of {@link DirectorySettings#searchCacheBytes()}) until the directory, the
 * services or the certification names offered change; the layout around it is rendered every time.
 */
@Component(service = Servlet.class, property = Languages.OWNS_LANG_PROPERTY + ":Boolean=true")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SearchPage.PATH)
public final class SearchPage extends HttpServlet {

    static final String PATH = "/contractors";
    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%directory.search.title";
    private static final List<Integer> RADII = List.of(5, 10, 25, 50, 100);

    private final transient Searches searches;
    private final transient ViewRenderer views;
    private final transient Messages messages;
    private final transient KeptAnswers<String> kept;

    @Activate
    public SearchPage(
            @Reference Searches searches,
            @Reference ViewRenderer views,
            @Reference Translations translations,
            @Reference DirectorySettings settings,
            BundleContext context) {
        this(searches, views, translations.of(context.getBundle()), settings.searchCacheBytes() / 2);
    }

    SearchPage(Searches searches, ViewRenderer views, Messages messages) {
        this(searches, views, messages, DirectorySettings.defaults().searchCacheBytes() / 2);
    }

    /** A page keeping up to {@code keptChars} of markup (0: none). */
    SearchPage(Searches searches, ViewRenderer views, Messages messages, long keptChars) {
        this.searches = searches;
        this.views = views;
        this.messages = messages;
        this.kept = new KeptAnswers<>(keptChars, String::length);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Languages.of(request);
        Searches.Outcome outcome = searches.run(request, locale);
        Map<String, Object> model = model(outcome, locale);
        int status = outcome.form().problems().isEmpty() ? 200 : 400;
        views.render(request, response, new View("directory/search.ftlh", TITLE, model, status));
    }

    /** What else than its result and query a search's page is made of: what was typed, the certification names offered. */
    private record Typed(Map<String, String> typed, List<String> certificationNames) {}

    Map<String, Object> model(Searches.Outcome outcome, Locale locale) {
        SearchForm form = outcome.form();
        Map<String, String> labels = searches.services().labels(locale);
        Map<String, Object> model = new HashMap<>();
        Map<String, String> typed = form.typed();
        SearchResult result = outcome.result();
        List<String> certNames = searches.certificationNames();
        LocalDate today = LocalDate.now();
        if (result != null) {
            // A search without problems: its page is kept (everything in it comes from these).
            ContractorQuery query = form.query();
            Typed context = new Typed(typed, certNames);
            String markup = kept.get(result, query, locale, labels, today, context);
            if (markup != null) {
                return Map.of("kept", KeptMarkup.kept(markup));
            }
            model.put(
                    "kept", KeptMarkup.rendered(made -> kept.put(result, query, locale, labels, today, context, made)));
        } else {
            model.put("kept", KeptMarkup.NONE);
        }
        model.put("v", typed);
        Map<String, String> errors = new LinkedHashMap<>();
        List<Map<String, String>> summary = new ArrayList<>();
        for (SearchForm.Problem p : form.problems()) {
            String text = Searches.message(messages, locale, p);
            String field = p.field() == null ? SearchForm.ZIP : p.field();
            errors.putIfAbsent(field, text);
            summary.add(Map.of("anchor", "f-" + field, "message", text));
        }
        model.put("errors", errors);
        model.put("summary", summary);

        List<Integer> radii = new ArrayList<>(RADII);
        if (!radii.contains(form.radius())) {
            radii.add(form.radius());
            radii.sort(null);
        }
        model.put("radii", radii);
        model.put("radius", form.radius());
        List<Map<String, String>> services = new ArrayList<>();
        labels.forEach((id, label) -> services.add(Map.of("id", id, "label", label)));
        model.put("services", services);
        List<String> certs = new ArrayList<>(certNames);
        String typedCert = typed.getOrDefault(SearchForm.CERT, "");
        if (!typedCert.isEmpty() && certs.stream().noneMatch(typedCert::equalsIgnoreCase)) {
            certs.add(typedCert);
        }
        model.put("certs", certs);
        List<Map<String, String>> languages = new ArrayList<>();
        SpokenLanguages.choices(locale, typed.getOrDefault(SearchForm.LANG, "").toLowerCase(Locale.ROOT))
                .forEach((code, name) -> languages.add(Map.of("code", code, "name", name)));
        model.put("spoken", languages);

        model.put("searched", result != null);
        if (result != null) {
            ContractorQuery query = form.query();
            List<Map<String, Object>> rows = new ArrayList<>(result.matches().size());
            for (ContractorMatch m : result.matches()) {
                rows.add(ContractorModel.match(m, labels, locale, today));
            }
            model.put("results", rows);
            model.put("total", result.total());
            model.put("page", result.page());
            model.put("pages", result.pages());
            model.put("first", (result.page() - 1) * result.pageSize() + 1);
            model.put("last", (result.page() - 1) * result.pageSize() + rows.size());
            model.put("zip", query.zip());
            if (result.page() > 1) {
                model.put(
                        "prev",
                        Searches.link(PATH, query, query.radiusMiles(), Math.min(result.page() - 1, result.pages())));
            }
            if (result.page() < result.pages()) {
                model.put("next", Searches.link(PATH, query, query.radiusMiles(), result.page() + 1));
            }
            if (result.page() > result.pages()) {
                model.put("firstPage", Searches.link(PATH, query, query.radiusMiles(), 1));
            }
            for (int r : RADII) {
                if (r > query.radiusMiles()) {
                    model.put("wider", Searches.link(PATH, query, r, 1));
                    model.put("widerRadius", r);
                    break;
                }
            }
        }
        return model;
    }
}
