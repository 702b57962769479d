package org.cec.portal.directory.internal.choice;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.directory.internal.choice.ChoiceStore.Outcome;
import org.cec.portal.directory.internal.choice.Leads.Status;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /leads/<token>}: the contractor's page of one lead, without an account. It shows the services
 * asked for, when the lead was shared and what was reported so far (none of the homeowner's data: that
 * reached the contractor with the lead itself), and a form to report what came of it ({@link
 * LeadReports#report}). An unknown, forged or malformed token gets a kind 404 page and changes nothing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(LeadPage.PATTERN)
public final class LeadPage extends HttpServlet {

    static final String PATTERN = "/leads/*";
    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%directory.lead.title";
    /** The statuses a contractor may report, in the form's order. */
    static final List<Status> REPORTABLE = List.of(
            Status.CONTACTED,
            Status.VISIT_SCHEDULED,
            Status.PROPOSAL_SENT,
            Status.JOB_DONE,
            Status.DECLINED,
            Status.UNREACHABLE);

    private final transient LeadReports leads;
    private final transient ChoiceViews rows;
    private final transient ContractorDirectory directory;
    private final transient ViewRenderer views;

    @Activate
    public LeadPage(
            @Reference LeadReports leads,
            @Reference ChoiceViews rows,
            @Reference ContractorDirectory directory,
            @Reference ViewRenderer views) {
        this.leads = leads;
        this.rows = rows;
        this.directory = directory;
        this.views = views;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChoosePage.noStore(response);
        Optional<LeadReports.Lead> lead = leads.lead(Tokens.fromPathInfo(request.getPathInfo()));
        if (lead.isEmpty()) {
            missing(request, response);
            return;
        }
        Map<String, Object> model = model(request, lead.get(), Map.of(), Map.of());
        model.put("reported", request.getParameter("reported") != null);
        views.render(request, response, View.of("directory/leads/lead.ftlh", TITLE, model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChoosePage.noStore(response);
        String token = Tokens.fromPathInfo(request.getPathInfo());
        String[] services = request.getParameterValues("servicesPerformed");
        Optional<LeadReport.Checked> checked = leads.report(
                token,
                request.getParameter("status"),
                request.getParameter("date"),
                services == null ? List.of() : Arrays.asList(services),
                request.getParameter("note"));
        if (checked.isEmpty()) {
            missing(request, response);
            return;
        }
        if (checked.get().errors().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", LeadReports.PATH + token + "?reported=1");
            return;
        }
        Optional<LeadReports.Lead> lead = leads.lead(token);
        if (lead.isEmpty()) {
            missing(request, response);
            return;
        }
        Map<String, String> typed = new HashMap<>();
        typed.put("status", value(request.getParameter("status")));
        typed.put("date", value(request.getParameter("date")));
        typed.put("note", value(request.getParameter("note")));
        Map<String, Object> model = model(request, lead.get(), checked.get().errors(), typed);
        model.put("reported", false);
        views.render(request, response, new View("directory/leads/lead.ftlh", TITLE, model, 400));
    }

    private Map<String, Object> model(
            HttpServletRequest request, LeadReports.Lead lead, Map<String, String> errors, Map<String, String> typed) {
        Locale locale = Languages.of(request);
        ChoiceStore.Disclosure d = lead.disclosure();
        List<Map<String, Object>> history = new ArrayList<>();
        for (Outcome o : lead.reports()) {
            history.add(Map.of(
                    "status", o.status().value(),
                    "date", o.date(),
                    "services", rows.services(o.servicesPerformed(), locale),
                    "note", o.note() == null ? "" : o.note(),
                    "reportedAt", o.reportedAt()));
        }
        List<Map<String, Object>> errorRows = new ArrayList<>();
        errors.forEach((field, key) -> errorRows.add(Map.of("field", field, "key", key)));
        Map<String, Object> model = new HashMap<>();
        model.put("action", LeadReports.PATH + Tokens.fromPathInfo(request.getPathInfo()));
        model.put("lead", d.id());
        model.put(
                "contractor",
                directory.find(d.contractorId()).map(Contractor::businessName).orElse(d.contractorId()));
        model.put("services", rows.services(d.services(), locale));
        model.put("serviceOptions", rows.serviceOptions(d.services(), locale));
        model.put("sharedAt", d.sharedAt());
        model.put("status", lead.latest().map(o -> o.status().value()).orElse(Status.SHARED.value()));
        model.put("history", history);
        model.put("statuses", REPORTABLE.stream().map(Status::value).toList());
        model.put("errors", errors);
        model.put("summary", errorRows);
        model.put("typed", typed);
        model.put("today", leads.today().toString());
        return model;
    }

    private static String value(String s) {
        return s == null ? "" : s;
    }

    private void missing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        views.render(
                request,
                response,
                new View("directory/leads/missing.ftlh", "%directory.lead.missing.title", Map.of(), 404));
    }
}
