package org.cec.portal.directory.internal.console;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.directory.internal.choice.Leads;
import org.cec.portal.directory.internal.search.PartnerContractors;
import org.cec.portal.directory.internal.store.ContractorRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Contractors" ({@code /system/console/contractors}): the stored contractors with
 * filters and paging, the form to create and edit one, (de)activation, CSV import with a preview and a
 * background import showing its progress, CSV export ({@code /system/console/contractors/export.csv}),
 * credentials and insurance expiring within 30 days, a contractor's leads and the funnel over all
 * leads. Demo and partner contractors are shown, read-only. The console signs staff in and refuses
 * cross-site posts; this servlet parses and renders, the registry stores. The page is rendered from
 * {@code templates/directory/console/contractors.ftlh}, which escapes everything it prints. Its texts
 * are the {@code console.contractors.*} keys of the bundle's messages in the page's language: Java hands
 * the template a key and its arguments ({@link Text}), never a sentence; the service labels come from
 * the messages of the bundles that registered the services, in that language too. The portal's {@link
 * Translations} read all these messages files (with fragments, updates and the English fallback).
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + ContractorsConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Contractors",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF
        })
public final class ContractorsConsolePlugin extends AbstractServlet {

    static final String LABEL = "contractors";
    static final int PAGE_SIZE = 50;
    static final int MAX_UPLOAD = 20 * 1024 * 1024;
    static final int PREVIEW_ROWS = 10;
    static final int EXPIRING_DAYS = 30;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContractorsConsolePlugin.class);
    private static final String TEMPLATE = "directory/console/contractors.ftlh";
    /** The model a POST prepared for the page the console then draws around it. */
    private static final String MODEL = ContractorsConsolePlugin.class.getName() + ".model";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final transient ContractorRegistry registry;
    private final transient ZipCentroids zips;
    private final transient ConsoleViewRenderer views;
    /** The messages of the bundles that register service types, for their labels. */
    private final transient Translations translations;
    /** This bundle's messages, for the answers no template renders. */
    private final transient Messages texts;

    private final transient ImportJobs jobs = new ImportJobs();
    /** The registered services: id and the label in each language. */
    private final transient Map<ServiceReference<ServiceType>, Service> serviceTypes = new ConcurrentHashMap<>();

    /** A registered service: its id and its label per language tag ({@link Languages#SUPPORTED}). */
    private record Service(String id, Map<String, String> labels) {
        String label(Locale language) {
            return labels.getOrDefault(language.getLanguage(), labels.getOrDefault("en", id));
        }
    }

    /** The keys of the page's texts. */
    static final String TEXTS = "console." + LABEL + ".";
    /** The flash messages a redirect may name in {@code ?message=}; anything else is ignored. */
    static final Set<String> FLASH = Set.of(
            TEXTS + "message.created",
            TEXTS + "message.saved",
            TEXTS + "message.activated",
            TEXTS + "message.deactivated");

    private final transient PartnerContractors partners;
    /** The module's name in the audit log. */
    static final String MODULE = "directory";

    private final transient AuditLog audit;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Leads leads;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ContractorChoices choices;

    @Activate
    public ContractorsConsolePlugin(
            @Reference ContractorRegistry registry,
            @Reference ZipCentroids zips,
            @Reference ConsoleViewRenderer views,
            @Reference PartnerContractors partners,
            @Reference AuditLog audit,
            @Reference Translations translations,
            BundleContext context) {
        this(registry, zips, views, partners, audit, translations, translations.of(context.getBundle()));
    }

    /** A page with this bundle's {@code texts} for the answers Java writes (for tests). */
    ContractorsConsolePlugin(
            ContractorRegistry registry,
            ZipCentroids zips,
            ConsoleViewRenderer views,
            PartnerContractors partners,
            AuditLog audit,
            Translations translations,
            Messages texts) {
        this.audit = audit;
        this.registry = registry;
        this.zips = zips;
        this.views = views;
        this.partners = partners;
        this.translations = translations;
        this.texts = texts;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addServiceType(ServiceType type, ServiceReference<ServiceType> reference) {
        Bundle registering = reference.getBundle();
        if (registering == null) {
            // unregistered meanwhile: there is nothing to show, and DS unbinds it next
            return;
        }
        try {
            Messages messages = translations.of(registering);
            Map<String, String> labels = new HashMap<>();
            for (Locale language : Languages.SUPPORTED) {
                labels.put(language.getLanguage(), label(type, messages, language));
            }
            serviceTypes.put(reference, new Service(type.id(), Map.copyOf(labels)));
        } catch (RuntimeException broken) {
            LOG.warn("A service type could not be read: {}", broken.getClass().getName());
        }
    }

    /**
     * The label in {@code language}: a {@code %key} looked up in {@code messages}, those of the bundle
     * that registered it (in that language, else in English); any other label as it is; the id when it
     * has none, or no text for its key.
     */
    static String label(ServiceType type, Messages messages, Locale language) {
        String label = type.label();
        if (label == null || label.isBlank()) {
            return type.id();
        }
        if (!label.startsWith(Languages.KEY_PREFIX)) {
            return label;
        }
        String key = label.substring(Languages.KEY_PREFIX.length());
        return text(messages, language, key)
                .or(() -> text(messages, Languages.ENGLISH, key))
                .orElse(type.id());
    }

    /** The text of {@code key} in {@code language}, empty when it is missing or blank. */
    private static Optional<String> text(Messages messages, Locale language, String key) {
        return messages.find(language, key).filter(t -> !t.isBlank());
    }

    void removeServiceType(ServiceReference<ServiceType> reference) {
        serviceTypes.remove(reference);
    }

    /** For tests: leads and links as a running system would bind them. */
    void bind(Leads leads, ContractorChoices choices) {
        this.leads = leads;
        this.choices = choices;
    }

    @Deactivate
    void deactivate() {
        jobs.close();
    }

    // ---- GET --------------------------------------------------------------------------------------

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path != null && path.endsWith("/export.csv")) {
            exportCsv(request, response);
            return;
        }
        super.doGet(request, response);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) request.getAttribute(MODEL);
        if (model == null) {
            model = getModel(request);
        }
        model.put("root", pluginRoot(request));
        model.put("leadsAvailable", leads != null);
        Object status = model.remove("status");
        if (status instanceof Integer code && !response.isCommitted()) {
            response.setStatus(code);
        }
        Object refresh = model.get("refresh");
        if (refresh != null && !response.isCommitted()) {
            response.setHeader("Refresh", refresh.toString());
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    /** The page a GET asks for. */
    private Map<String, Object> getModel(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        String message = request.getParameter("message");
        if (message != null && FLASH.contains(message)) {
            model.put("message", Text.of(message).model());
        }
        Locale language = views.language(request);
        String view = param(request, "view");
        String id = request.getParameter("id");
        String job = request.getParameter("job");
        if (job != null) {
            jobView(job, model);
        } else if ("edit".equals(view)) {
            editView(id, model, language);
        } else if ("new".equals(view)) {
            model.put("view", "form");
            model.put("form", formModel(Map.of(), Map.of(), "", true, language));
        } else if ("import".equals(view)) {
            importView(model);
        } else if ("expiring".equals(view)) {
            model.put("view", "expiring");
            model.put("days", EXPIRING_DAYS);
            model.put("rows", expiring(everyone(), LocalDate.now(ZoneOffset.UTC)));
        } else if ("funnel".equals(view)) {
            funnelView(model);
        } else if (id != null) {
            detailView(request, id, model);
        } else {
            listView(request, model, language);
        }
        return model;
    }

    private static void importView(Map<String, Object> model) {
        model.put("view", "import");
        model.put("maxMb", MAX_UPLOAD / (1024 * 1024));
        model.put("columns", String.join(", ", ContractorFields.COLUMNS));
    }

    private void listView(HttpServletRequest request, Map<String, Object> model, Locale language) {
        model.put("view", "list");
        model.put("days", EXPIRING_DAYS);
        Map<String, String> filter = filterOf(request);
        model.put("filter", filter);
        model.put("services", services(language));
        List<Contractor> everyone = everyone();
        model.put(
                "sources",
                everyone.stream().map(Contractor::source).distinct().sorted().toList());
        List<Text> problems = new ArrayList<>();
        Optional<Predicate<Contractor>> test = filter(filter, problems);
        if (test.isEmpty()) {
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
            model.put("problems", problems.stream().map(Text::model).toList());
            return;
        }
        List<Contractor> matching = everyone.stream().filter(test.get()).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        String pageText = request.getParameter("page");
        int page = 0;
        if (pageText != null && !pageText.isBlank()) {
            if (!pageText.strip().matches("\\d{1,6}") || Integer.parseInt(pageText.strip()) >= pages) {
                model.put("status", HttpServletResponse.SC_BAD_REQUEST);
                model.put(
                        "problems",
                        List.of(Text.of(TEXTS + "filter.problem.page", pages - 1)
                                .model()));
                return;
            }
            page = Integer.parseInt(pageText.strip());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> rows = matching.stream()
                .skip((long) page * PAGE_SIZE)
                .limit(PAGE_SIZE)
                .map(c -> row(c, today))
                .toList();
        StringBuilder query = new StringBuilder();
        filter.forEach((k, v) -> {
            if (!v.isEmpty()) {
                query.append(k)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        model.put("total", matching.size());
        model.put("stored", everyone.size());
        model.put("rows", rows);
        model.put("page", page);
        model.put("pages", pages);
        model.put("pageHref", pluginRoot(request) + "?" + query + "page=");
        model.put("exportHref", pluginRoot(request) + "/export.csv" + (query.length() == 0 ? "" : "?" + query));
    }

    private Map<String, Object> row(Contractor c, LocalDate today) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", c.id());
        r.put("name", c.businessName());
        r.put("services", String.join(", ", new TreeSet<>(c.services())));
        Set<String> unoffered = new TreeSet<>(c.services());
        serviceTypes.values().forEach(t -> unoffered.remove(t.id()));
        r.put("unoffered", String.join(", ", unoffered));
        r.put("zip", c.baseZip() == null ? "" : c.baseZip());
        r.put("radius", ContractorFields.number(c.serviceRadiusMiles()));
        r.put("source", c.source());
        r.put("active", c.active());
        r.put("editable", Contractor.BUILT_IN.equals(c.source()));
        r.put("expiring", !expiring(List.of(c), today).isEmpty());
        return r;
    }

    private static Map<String, String> filterOf(HttpServletRequest request) {
        Map<String, String> filter = new LinkedHashMap<>();
        for (String name : List.of("q", "service", "area", "source", "state", "expiring")) {
            String v = request.getParameter(name);
            filter.put(name, v == null ? "" : v.strip());
        }
        return filter;
    }

    /** The list's filter, or empty with the reasons why it is not valid. */
    static Optional<Predicate<Contractor>> filter(Map<String, String> f, List<Text> problems) {
        String q = f.get("q").toLowerCase(Locale.ROOT);
        String service = f.get("service");
        String area = f.get("area");
        String source = f.get("source");
        String state = f.get("state");
        boolean expiring = !f.get("expiring").isEmpty();
        if (q.length() > 100) {
            problems.add(Text.of(TEXTS + "filter.problem.name"));
        }
        if (!service.isEmpty() && !service.matches("[a-z][a-z0-9-]{0,63}")) {
            problems.add(Text.of(TEXTS + "filter.problem.service"));
        }
        if (!area.isEmpty() && !area.matches("\\d{1,5}|[A-Za-z]{2}")) {
            problems.add(Text.of(TEXTS + "filter.problem.area"));
        }
        if (!source.isEmpty() && !source.matches("[a-z0-9-]{1,32}")) {
            problems.add(Text.of(TEXTS + "filter.problem.source"));
        }
        if (!state.isEmpty() && !state.equals("active") && !state.equals("inactive")) {
            problems.add(Text.of(TEXTS + "filter.problem.state"));
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String zipPrefix = area.matches("\\d+") ? area : null;
        String licenceState = area.matches("[A-Za-z]{2}") ? area.toUpperCase(Locale.ROOT) : null;
        return Optional.of(
                c -> (q.isEmpty() || c.businessName().toLowerCase(Locale.ROOT).contains(q))
                        && (service.isEmpty() || c.services().contains(service))
                        && (zipPrefix == null
                                || (c.baseZip() != null && c.baseZip().startsWith(zipPrefix))
                                || c.servedZips().stream().anyMatch(z -> z.startsWith(zipPrefix)))
                        && (licenceState == null
                                || c.licences().stream().anyMatch(l -> l.state().equals(licenceState)))
                        && (source.isEmpty() || c.source().equals(source))
                        && (state.isEmpty() || c.active() == state.equals("active"))
                        && (!expiring || !expiring(List.of(c), today).isEmpty()));
    }

    private void editView(String id, Map<String, Object> model, Locale language) {
        Optional<Contractor> found = id == null ? Optional.empty() : registry.find(id);
        if (found.isEmpty()) {
            model.put("view", "missing");
            model.put("status", HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Contractor c = found.get();
        model.put("view", "form");
        model.put(
                "form",
                formModel(
                        ContractorFields.write(c, "\n", zips),
                        Map.of(),
                        c.id(),
                        Contractor.BUILT_IN.equals(c.source()),
                        language));
    }

    /** The form's values (as typed), the reasons per field (texts of the page), the services to tick. */
    private Map<String, Object> formModel(
            Map<String, String> values,
            Map<String, List<Map<String, Object>>> errors,
            String id,
            boolean editable,
            Locale language) {
        Map<String, Object> form = new HashMap<>();
        Map<String, String> v = new HashMap<>();
        for (String column : ContractorFields.COLUMNS) {
            v.put(column, values.getOrDefault(column, ""));
        }
        if (id.isEmpty() && v.get(ContractorFields.ACTIVE).isEmpty()) {
            v.put(ContractorFields.ACTIVE, "true");
        }
        Set<String> ticked = new TreeSet<>(ContractorFields.list(v.get(ContractorFields.SERVICES)));
        List<Map<String, Object>> services = new ArrayList<>();
        for (Map<String, String> s : services(language)) {
            services.add(Map.of("id", s.get("id"), "label", s.get("label"), "checked", ticked.contains(s.get("id"))));
        }
        form.put("values", v);
        form.put("errors", errors);
        form.put("id", id);
        form.put("editable", editable);
        form.put("services", services);
        return form;
    }

    private void detailView(HttpServletRequest request, String id, Map<String, Object> model) {
        Optional<Contractor> found =
                everyone().stream().filter(c -> c.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            model.put("view", "missing");
            model.put("status", HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Contractor c = found.get();
        model.put("view", "detail");
        model.put("id", c.id());
        model.put("name", c.businessName());
        model.put("active", c.active());
        model.put("editable", Contractor.BUILT_IN.equals(c.source()));
        List<List<String>> fields = new ArrayList<>();
        Map<String, String> written = ContractorFields.write(c, ", ", zips);
        written.forEach((k, v) -> fields.add(List.of(k, v)));
        fields.add(List.of("source", c.source()));
        model.put("fields", fields);
        model.put("expiring", expiring(List.of(c), LocalDate.now(ZoneOffset.UTC)));
        Leads current = leads;
        List<Map<String, Object>> rows = new ArrayList<>();
        if (current != null) {
            try {
                for (Leads.Lead l : current.ofContractor(c.id())) {
                    Map<String, Object> r = new HashMap<>();
                    r.put("disclosure", Long.toString(l.disclosureId()));
                    r.put("reference", l.requestReference() == null ? "" : l.requestReference());
                    r.put("erased", l.requestReference() == null);
                    r.put("fields", String.join(", ", new TreeSet<>(l.fields())));
                    r.put(
                            "shared",
                            l.sharedAt() == null ? "" : TIME.format(l.sharedAt().atOffset(ZoneOffset.UTC)));
                    r.put("status", l.status() == null ? "" : l.status().value());
                    r.put(
                            "statusDate",
                            l.statusDate() == null ? "" : l.statusDate().toString());
                    r.put("performed", l.servicesPerformed() == null ? "" : l.servicesPerformed());
                    r.put("linkable", l.requestReference() != null && choices != null);
                    rows.add(r);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "The leads of a contractor could not be read: {}",
                        e.getClass().getName());
            }
        }
        if (!rows.isEmpty()) {
            // the leads name the homeowners' requests that chose this contractor
            audit(request, AuditEntry.VIEW, "leads of contractor " + c.id(), rows.size() + " lead(s)");
        }
        model.put("leads", rows);
    }

    private void funnelView(Map<String, Object> model) {
        model.put("view", "funnel");
        Leads current = leads;
        List<Map<String, Object>> rows = new ArrayList<>();
        if (current != null) {
            for (Leads.FunnelRow f : current.funnel()) {
                Map<String, Object> r = new HashMap<>();
                r.put("month", f.month());
                r.put("service", f.service());
                r.put("shared", f.shared());
                r.put("contacted", f.contacted());
                r.put("visited", f.visited());
                r.put("proposal", f.proposal());
                r.put("jobDone", f.jobDone());
                rows.add(r);
            }
        }
        model.put("rows", rows);
    }

    private void jobView(String id, Map<String, Object> model) {
        Optional<ImportJobs.Job> found = jobs.find(id);
        if (found.isEmpty()) {
            model.put("view", "missing");
            model.put("status", HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ImportJobs.Job job = found.get();
        ContractorCsv.Parsed parsed = job.parsed;
        model.put("view", "job");
        model.put("job", job.id);
        model.put("fileName", job.fileName);
        model.put("state", job.state.name().toLowerCase(Locale.ROOT));
        model.put("rows", parsed.rows());
        model.put("errorCount", parsed.errorCount());
        model.put(
                "errors",
                parsed.errors().stream()
                        .map(e -> Map.of(
                                "row",
                                Long.toString(e.row()),
                                "column",
                                e.column(),
                                "reason",
                                e.reason().model()))
                        .toList());
        model.put("errorsShown", parsed.errors().size());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        model.put(
                "preview",
                parsed.contractors().stream()
                        .limit(PREVIEW_ROWS)
                        .map(c -> row(c, today))
                        .toList());
        model.put("done", job.done.get());
        model.put("total", job.total());
        model.put("imported", job.imported);
        if (job.state == ImportJobs.State.RUNNING) {
            model.put("refresh", "1");
        }
    }

    // ---- POST -------------------------------------------------------------------------------------

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && path.endsWith("/upload")) {
            upload(request, response);
            return;
        }
        String action = param(request, "action");
        switch (action) {
            case "save" -> save(request, response);
            case "activate", "deactivate" -> activate(request, response, action.equals("activate"));
            case "import" -> startImport(request, response);
            case "lead-link" -> leadLink(request);
            default -> page(
                    request,
                    Map.of(
                            "view",
                            "refused",
                            "reason",
                            Text.of(TEXTS + "refused.action").model(),
                            "status",
                            HttpServletResponse.SC_BAD_REQUEST));
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = param(request, "id");
        boolean creating = id.isEmpty();
        Map<String, String> values = new HashMap<>();
        for (String column : ContractorFields.COLUMNS) {
            String[] given = request.getParameterValues(column);
            values.put(column, given == null ? "" : String.join(";", given));
        }
        if (!creating && refusedUnlessStored(request, id)) {
            return;
        }
        values.put(ContractorFields.ID, creating ? "" : id);
        List<ContractorFields.Problem> problems = new ArrayList<>();
        Contractor c = ContractorFields.read(values, creating ? registry.newId() : id, checks(), problems);
        if (c == null) {
            Map<String, List<Map<String, Object>>> errors = new LinkedHashMap<>();
            for (ContractorFields.Problem p : problems) {
                errors.computeIfAbsent(p.field(), f -> new ArrayList<>())
                        .add(p.reason().model());
            }
            Map<String, Object> model = new HashMap<>();
            model.put("view", "form");
            model.put("form", formModel(values, errors, creating ? "" : id, true, views.language(request)));
            model.put("message", Text.of(TEXTS + "message.notSaved").model());
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
            page(request, model);
            return;
        }
        Contractor saved = registry.save(c);
        audit(request, AuditEntry.CHANGE, "contractor " + saved.id(), creating ? "created" : "saved");
        redirect(
                request,
                response,
                "id=" + encode(saved.id()),
                TEXTS + (creating ? "message.created" : "message.saved"));
    }

    private void activate(HttpServletRequest request, HttpServletResponse response, boolean active) throws IOException {
        String id = param(request, "id");
        if (refusedUnlessStored(request, id)) {
            return;
        }
        registry.setActive(id, active);
        audit(request, AuditEntry.CHANGE, "contractor " + id, active ? "activated" : "deactivated");
        redirect(request, response, "id=" + encode(id), TEXTS + (active ? "message.activated" : "message.deactivated"));
    }

    /**
     * Answers with the "refused" view, and says so, unless {@code id} is a contractor stored here (not a
     * demo or partner one): 404 for an unknown id, 400 for one that staff cannot change.
     */
    private boolean refusedUnlessStored(HttpServletRequest request, String id) throws IOException {
        Optional<Contractor> existing = id.isEmpty() ? Optional.empty() : registry.find(id);
        if (existing.isPresent() && Contractor.BUILT_IN.equals(existing.get().source())) {
            return false;
        }
        page(
                request,
                Map.of(
                        "view",
                        "refused",
                        "reason",
                        Text.of(TEXTS + (existing.isEmpty() ? "refused.unknown" : "refused.readOnly"))
                                .model(),
                        "status",
                        existing.isEmpty() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST));
        return true;
    }

    /** The import view again, with why the uploaded file was not read (400). */
    private static void uploadRefused(HttpServletRequest request, Text message) {
        Map<String, Object> model = new HashMap<>();
        importView(model);
        model.put("message", message.model());
        model.put("status", HttpServletResponse.SC_BAD_REQUEST);
        page(request, model);
    }

    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Uploads.File file;
        try {
            file = Uploads.read(request, MAX_UPLOAD);
        } catch (Uploads.Refused refused) {
            uploadRefused(request, refused.text());
            return;
        }
        Optional<String> text = ContractorCsv.decode(file.bytes());
        if (text.isEmpty()) {
            uploadRefused(request, Text.of(TEXTS + "message.notUtf8"));
            return;
        }
        ContractorCsv.Parsed parsed = ContractorCsv.read(text.get(), checks(), registry::newId);
        ImportJobs.Job job = jobs.add(file.name(), parsed);
        LOG.info("A CSV file of {} rows was uploaded to the console, {} problems", parsed.rows(), parsed.errorCount());
        if (parsed.ok()) {
            redirect(request, response, "job=" + job.id, "");
        } else {
            // The preview, with every problem, answers 400: nothing is imported from this file.
            Map<String, Object> model = new HashMap<>();
            jobView(job.id, model);
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
            page(request, model);
        }
    }

    private void startImport(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ImportJobs.Job> job = jobs.find(request.getParameter("job"));
        if (job.isEmpty() || !job.get().parsed.ok()) {
            page(
                    request,
                    Map.of(
                            "view",
                            "refused",
                            "reason",
                            Text.of(TEXTS + (job.isEmpty() ? "refused.noJob" : "refused.problems"))
                                    .model(),
                            "status",
                            HttpServletResponse.SC_BAD_REQUEST));
            return;
        }
        jobs.start(job.get(), registry);
        audit(
                request,
                AuditEntry.CHANGE,
                "contractors",
                "import of " + job.get().parsed.rows() + " row(s) started");
        redirect(request, response, "job=" + job.get().id, "");
    }

    private void leadLink(HttpServletRequest request) {
        ContractorChoices current = choices;
        String disclosure = param(request, "disclosure");
        String contractor = param(request, "id");
        Optional<String> path = current == null || !disclosure.matches("\\d{1,18}")
                ? Optional.empty()
                : current.leadPath(Long.parseLong(disclosure));
        Map<String, Object> model = new HashMap<>();
        model.put("view", "leadLink");
        model.put("id", contractor);
        model.put("disclosure", disclosure);
        model.put("path", path.orElse(""));
        if (path.isEmpty()) {
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
        } else {
            // the link lets whoever holds it report on a homeowner's lead
            audit(request, AuditEntry.CHANGE, "lead " + disclosure, "new outcome link for contractor " + contractor);
            LOG.info("A new outcome link was made in the console for a lead");
        }
        page(request, model);
    }

    // ---- export -----------------------------------------------------------------------------------

    /** The stored contractors the list's filter (if any) selects, as CSV; partner sources are not stored. */
    private void exportCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Text> problems = new ArrayList<>();
        Optional<Predicate<Contractor>> test = filter(filterOf(request), problems);
        if (test.isEmpty()) {
            // no template renders this answer: its text comes from the bundle's messages in the page's language
            Locale language = views.language(request);
            List<String> reasons =
                    problems.stream().map(p -> p.format(texts, language)).toList();
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST,
                    Text.of(TEXTS + "export.filter", String.join("; ", reasons)).format(texts, language));
            return;
        }
        List<Contractor> stored = registry.all().stream().filter(test.get()).toList();
        StringBuilder csv = new StringBuilder(stored.size() * 300 + 300);
        ContractorCsv.write(stored, zips, csv);
        audit(request, AuditEntry.EXPORT, "contractors", stored.size() + " contractor(s) as CSV");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"contractors.csv\"");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.append(csv);
        out.flush();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Audits what the signed-in staff member did: every look at the leads (they name homeowners'
     * requests), every change of a contractor or a lead, every export.
     */
    private void audit(HttpServletRequest request, String action, String record, String detail) {
        audit.record(AuditEntry.by(StaffMember.signedIn(request), MODULE, action, record)
                .withDetail(detail));
    }

    /** Credentials and insurance expiring within {@link #EXPIRING_DAYS} days, or expired, per contractor. */
    static List<Map<String, Object>> expiring(List<Contractor> contractors, LocalDate today) {
        LocalDate limit = today.plusDays(EXPIRING_DAYS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Contractor c : contractors) {
            for (Certification x : c.certifications()) {
                if (x.expires() != null && !x.expires().isAfter(limit)) {
                    rows.add(expiry(
                            c,
                            "certification",
                            x.name() + (x.number().isEmpty() ? "" : " " + x.number()),
                            x.expires(),
                            today));
                }
            }
            for (Licence x : c.licences()) {
                if (x.expires() != null && !x.expires().isAfter(limit)) {
                    rows.add(expiry(c, "licence", x.state() + " " + x.number(), x.expires(), today));
                }
            }
            if (c.insuredUntil() != null && !c.insuredUntil().isAfter(limit)) {
                rows.add(expiry(c, "insurance", "", c.insuredUntil(), today));
            }
        }
        rows.sort(Comparator.comparing(r -> (String) r.get("expires")));
        return rows;
    }

    private static Map<String, Object> expiry(
            Contractor c, String kind, String what, LocalDate expires, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, expires);
        Map<String, Object> r = new HashMap<>();
        r.put("id", c.id());
        r.put("name", c.businessName());
        r.put("kind", kind);
        r.put("what", what);
        r.put("expires", expires.toString());
        r.put("expired", days < 0);
        r.put(
                "when",
                (days < 0
                                ? Text.of(TEXTS + "expiry.expired", -days)
                                : days == 0 ? Text.of(TEXTS + "expiry.today") : Text.of(TEXTS + "expiry.in", days))
                        .model());
        return r;
    }

    /** The stored contractors and those of every partner source, by business name. */
    private List<Contractor> everyone() {
        List<Contractor> all = new ArrayList<>(registry.all());
        all.addAll(partners.partnerContractors());
        all.sort(Comparator.comparing((Contractor c) -> c.businessName().toLowerCase(Locale.ROOT))
                .thenComparing(Contractor::id));
        return all;
    }

    private ContractorFields.Checks checks() {
        Set<String> ids = new TreeSet<>();
        for (Service t : serviceTypes.values()) {
            ids.add(t.id());
        }
        return new ContractorFields.Checks(ids, zips, id -> registry.find(id)
                .map(c -> !Contractor.BUILT_IN.equals(c.source()))
                .orElse(false));
    }

    /** The registered services, by id, with their labels in {@code language}. */
    private List<Map<String, String>> services(Locale language) {
        Map<String, String> byId = new TreeMap<>();
        for (Service t : serviceTypes.values()) {
            byId.putIfAbsent(t.id(), t.label(language));
        }
        List<Map<String, String>> out = new ArrayList<>();
        byId.forEach((id, label) -> out.add(Map.of("id", id, "label", label)));
        return out;
    }

    /** Lets the console draw the page for this POST with {@code model}, without a redirect. */
    private static void page(HttpServletRequest request, Map<String, Object> model) {
        request.setAttribute(MODEL, new HashMap<>(model));
    }

    /** Post/redirect/get: a reload does not post again; {@code message} is empty or a key of {@link #FLASH}. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String query, String message)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                pluginRoot(request) + "?" + query + (message.isEmpty() ? "" : "&message=" + encode(message)));
    }

    private static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
