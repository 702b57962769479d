package org.cec.portal.directory.internal.choice;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /contractors/choose/<token>}: the homeowner's page of one request. It lists whom they chose,
 * when, and what each contractor reported so far, and, while they may choose more, the contractors
 * offered with the form; a post chooses ({@link Choosing#choose}) and comes back here (303). An
 * expired, forged or malformed token gets a kind 404 page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(ChoosePage.PATTERN)
public final class ChoosePage extends HttpServlet {

    static final String PATTERN = "/contractors/choose/*";
    static final String FIELD = "contractor";
    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%directory.choose.title";
    /** More checkboxes than this in one post are refused without looking at them. */
    private static final int MAX_POSTED = 50;

    private final transient Choosing choosing;
    private final transient ChoiceViews rows;
    private final transient ViewRenderer views;

    @Activate
    public ChoosePage(@Reference Choosing choosing, @Reference ChoiceViews rows, @Reference ViewRenderer views) {
        this.choosing = choosing;
        this.rows = rows;
        this.views = views;
    }

    /** The offer of the token (never cached), or empty after answering that it is missing or expired. */
    private Optional<Choosing.Offer> offerOrMissing(
            HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        noStore(response);
        Optional<Choosing.Offer> offer = choosing.offer(token);
        if (offer.isEmpty()) {
            missing(request, response);
        }
        return offer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = Tokens.fromPathInfo(request.getPathInfo());
        Optional<Choosing.Offer> offer = offerOrMissing(request, response, token);
        if (offer.isEmpty()) {
            return;
        }
        String shared = request.getParameter("shared");
        Map<String, Object> model = model(request, token, offer.get(), Set.of());
        model.put("shared", shared != null && shared.matches("\\d{1,2}") ? Integer.parseInt(shared) : -1);
        views.render(request, response, View.of("directory/choose/page.ftlh", TITLE, model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = Tokens.fromPathInfo(request.getPathInfo());
        Optional<Choosing.Offer> offer = offerOrMissing(request, response, token);
        if (offer.isEmpty()) {
            return;
        }
        String[] posted = request.getParameterValues(FIELD);
        List<String> ids = posted == null ? List.of() : Arrays.asList(posted);
        Choosing.Result result = ids.size() > MAX_POSTED
                ? new Choosing.Refused(
                        "directory.choose.error.tooMany", choosing.settings().maxChoices(), 0)
                : choosing.choose(token, ids, request);
        if (result instanceof Choosing.Shared shared) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader(
                    "Location",
                    Choosing.PATH + token + "?shared=" + shared.added().size());
            return;
        }
        Choosing.Refused refused = (Choosing.Refused) result;
        if (refused.key().equals("directory.choose.error.gone")) {
            missing(request, response);
            return;
        }
        Map<String, Object> model = model(request, token, offer.get(), new HashSet<>(ids));
        model.put("error", refused.key());
        model.put("shared", -1);
        views.render(request, response, new View("directory/choose/page.ftlh", TITLE, model, 400));
    }

    private Map<String, Object> model(
            HttpServletRequest request, String token, Choosing.Offer offer, Set<String> checked) {
        Locale locale = Languages.of(request);
        List<Choosing.Chosen> chosen = choosing.chosen(offer.request().reference());
        Set<String> already = new HashSet<>();
        List<Map<String, Object>> chosenRows = new ArrayList<>();
        for (Choosing.Chosen c : chosen) {
            already.add(c.contractorId());
            Map<String, Object> row = new HashMap<>();
            row.put("id", c.contractorId());
            row.put("name", c.contractor().map(x -> x.businessName()).orElse(c.contractorId()));
            row.put("profile", ChoiceViews.profile(c.contractorId()));
            row.put("sharedAt", c.sharedAt());
            row.put("fields", List.copyOf(c.fields()));
            row.put("status", c.status().value());
            row.put("statusDate", c.statusDate() == null ? "" : c.statusDate());
            chosenRows.add(row);
        }
        int max = choosing.settings().maxChoices();
        List<ContractorMatch> open = new ArrayList<>();
        if (chosen.size() < max) {
            for (ContractorMatch m : choosing.matches(offer.request(), locale)) {
                if (!already.contains(m.contractor().id())) {
                    open.add(m);
                }
            }
        }
        List<Map<String, Object>> matchRows = new ArrayList<>();
        for (Map<String, Object> row : rows.matches(open, locale)) {
            Map<String, Object> withCheck = new HashMap<>(row);
            withCheck.put("checked", checked.contains((String) row.get("id")));
            matchRows.add(withCheck);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("action", Choosing.PATH + token);
        model.put("chosen", chosenRows);
        model.put("matches", matchRows);
        model.put("max", max);
        model.put("remaining", Math.max(0, max - chosen.size()));
        model.put("radius", choosing.settings().choiceRadius());
        model.put("until", offer.expiresAt());
        model.put("services", rows.services(offer.request().services(), locale));
        model.put("error", "");
        return model;
    }

    private void missing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        views.render(
                request,
                response,
                new View(
                        "directory/choose/missing.ftlh",
                        "%directory.choose.missing.title",
                        Map.of("days", choosing.settings().choiceDays()),
                        404));
    }

    static void noStore(HttpServletResponse response) {
        // The page's address is the homeowner's key to the request: never cached, never sent onwards.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
