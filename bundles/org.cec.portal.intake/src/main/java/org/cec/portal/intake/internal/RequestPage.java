package org.cec.portal.intake.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /request}: the homeowner's request form in three steps (contact, services, review), plain
 * HTML form posts without JavaScript. What was typed travels between the steps in hidden fields of the
 * page itself: nothing is kept on the server until the request is submitted, unless the visitor asks
 * for a draft ("Email me a link to finish later", {@link DraftStore}), resumed at {@code
 * /request/draft/<token>}, or has given the preferences consent: then, once step 1 is valid, every
 * step keeps what was typed in a draft the browser remembers ({@link DraftCookie}), and the next
 * {@code GET /request} offers to continue it or start over.
 *
 * <p>This servlet reads and renders: what a post leads to is decided by {@link RequestFlow}, which
 * leaves everything about drafts to {@link DraftKeeping}. Every page is in the visitor's language
 * ({@link Languages#of}): the templates' texts, the catalog's ({@link Catalog#snapshot(java.util.Locale)})
 * and the validation messages. Each step shown, its fields with errors and the submission are
 * reported to analytics ({@link FormAnalytics}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({RequestPage.PATH, RequestPage.PATH + "/draft/*"})
public final class RequestPage extends HttpServlet {

    static final String PATH = "/request";
    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%intake.title";

    private final transient ViewRenderer views;
    private final transient Catalog catalog;
    private final transient Prefill prefill;
    private final transient DraftStore drafts;
    private final transient DraftCookie kept;
    private final transient RequestFlow flow;
    private final transient FormAnalytics analytics;

    /**
     * The email module, when it is there: it sends the draft's link (it receives {@code
     * intake.draft-saved}), so the page only says it was sent. Without it the page shows the link.
     */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Mailer mailer;

    @Activate
    public RequestPage(
            @Reference ViewRenderer views,
            @Reference Catalog catalog,
            @Reference IntakeRules rules,
            @Reference RequestSubmissions requests,
            @Reference Prefill prefill,
            @Reference DraftStore drafts,
            @Reference DraftCookie kept,
            @Reference FormAnalytics analytics) {
        this.views = views;
        this.analytics = analytics;
        this.drafts = drafts;
        this.kept = kept;
        this.prefill = prefill;
        this.catalog = catalog;
        this.flow = new RequestFlow(rules, requests, prefill, drafts, kept);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Catalog.Snapshot snapshot = catalog.snapshot(Languages.of(request));
        if (!PATH.equals(request.getServletPath())) {
            resume(request, response, snapshot);
            return;
        }
        Optional<DraftCookie.Remembered> saved = kept.remembered(request, response);
        if (saved.isPresent()) {
            offer(request, response, saved.get(), snapshot);
            return;
        }
        Map<String, String> remembered = prefill.read(request, response);
        FormState state = FormState.empty().withFields(remembered);
        DraftKeeping page = flow.forPage(request, response);
        show(
                request,
                response,
                new RequestFlow.Show(
                        FormStep.CONTACT, state, Map.of(), 200, page.pageToken(), false, !remembered.isEmpty()),
                snapshot);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Catalog.Snapshot snapshot = catalog.snapshot(Languages.of(request));
        RequestFlow.Outcome outcome = flow.post(request, response, snapshot);
        if (outcome instanceof RequestFlow.Show show) {
            show(request, response, show, snapshot);
        } else if (outcome instanceof RequestFlow.Done done) {
            done(request, response, done.reference(), done.state(), snapshot);
        } else if (outcome instanceof RequestFlow.DraftSaved saved) {
            draftSaved(request, response, saved);
        } else if (outcome instanceof RequestFlow.UnderThirteen) {
            underThirteen(request, response);
        } else {
            seeOther(response); // RequestFlow.StartAgain
        }
    }

    private void show(
            HttpServletRequest request, HttpServletResponse response, RequestFlow.Show show, Catalog.Snapshot snapshot)
            throws IOException {
        Map<String, Object> model = new FormModel(show.state(), show.errors(), snapshot)
                .step(show.step().id());
        model.put("prefilled", show.prefilled());
        model.put("draft", show.draft());
        model.put("draftDays", drafts.retention().toDays());
        model.put("kept", show.kept());
        model.put("heading", show.step().heading());
        analytics.stepShown(request, show.step().id(), show.errors().keySet());
        views.render(request, response, new View(show.step().template(), TITLE, model, show.status()));
    }

    /**
     * {@code GET /request} when the browser remembers a draft (preferences consent): offers to continue
     * it or to start over. The page carries no token: the cookie does.
     */
    private void offer(
            HttpServletRequest request,
            HttpServletResponse response,
            DraftCookie.Remembered saved,
            Catalog.Snapshot snapshot)
            throws IOException {
        DraftKeeping.noStore(response);
        Map<String, String> ignored = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(saved.draft().fields()), snapshot, ignored);
        Map<String, Object> model = new FormModel(state, Map.of(), snapshot).step("review");
        model.put("until", saved.draft().expiresAt());
        model.put("asked", DraftStore.ASKED.equals(saved.draft().reason()));
        model.put("hidden", List.of());
        views.render(request, response, View.of("intake/continue.ftlh", TITLE, model));
    }

    private static void seeOther(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", PATH);
    }

    /**
     * "Request saved for later": the draft's link goes to the address typed. While the email module is
     * there it sends the link and the page only says so; without it the page shows the link itself.
     */
    private void draftSaved(HttpServletRequest request, HttpServletResponse response, RequestFlow.DraftSaved saved)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("email", saved.state().get("email"));
        if (mailer == null) {
            model.put("link", DraftStore.LINK_PREFIX + saved.token());
        }
        model.put("days", drafts.retention().toDays());
        model.put("until", OffsetDateTime.now().plus(drafts.retention()));
        views.render(request, response, View.of("intake/draft-saved.ftlh", "%intake.title.saved", model));
    }

    /** {@code GET /request/draft/<token>}: the saved request again, or a kind page when there is none. */
    private void resume(HttpServletRequest request, HttpServletResponse response, Catalog.Snapshot snapshot)
            throws IOException {
        DraftKeeping.noStore(response);
        String info = request.getPathInfo();
        String token = info == null ? "" : info.substring(1);
        Optional<Map<String, List<String>>> saved =
                DraftStore.looksLikeToken(token) ? drafts.resume(token) : Optional.empty();
        if (saved.isEmpty()) {
            views.render(
                    request,
                    response,
                    new View(
                            "intake/draft-missing.ftlh",
                            TITLE,
                            Map.of("days", drafts.retention().toDays()),
                            404));
            return;
        }
        DraftKeeping page = flow.forPage(request, response);
        page.resumed(token);
        show(request, response, flow.resumed(saved.get(), page, snapshot), snapshot);
    }

    private void underThirteen(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Nothing of what a child typed is stored, logged or carried on: the page has no form fields.
        views.render(request, response, View.of("intake/under13.ftlh", TITLE, Map.of()));
    }

    private void done(
            HttpServletRequest request,
            HttpServletResponse response,
            String reference,
            FormState state,
            Catalog.Snapshot snapshot)
            throws IOException {
        Map<String, Object> model = new FormModel(state, Map.of(), snapshot).step("done");
        model.put("reference", reference);
        model.put("hidden", List.of());
        analytics.submitted(request, state.services());
        // While the confirmation is rendered, page contributions (the directory's choice of contractors)
        // know which request it confirms.
        request.setAttribute(ServiceRequests.CONFIRMED_ATTRIBUTE, reference);
        try {
            views.render(request, response, View.of("intake/done.ftlh", "%intake.title.done", model));
        } finally {
            request.removeAttribute(ServiceRequests.CONFIRMED_ATTRIBUTE);
        }
    }
}
