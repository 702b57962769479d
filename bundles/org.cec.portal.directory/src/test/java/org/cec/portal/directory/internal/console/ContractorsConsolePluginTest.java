package org.cec.portal.directory.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.directory.internal.choice.Leads;
import org.cec.portal.directory.internal.store.ContractorRegistry;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** The console page's views rendered from its real template, with fakes for what it reads. */
class ContractorsConsolePluginTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    /** What the plugin recorded in the audit log. */
    private final List<org.cec.portal.api.audit.AuditEntry> audited = new java.util.ArrayList<>();

    private final Registry registry = new Registry();
    private final Renderer renderer = new Renderer();
    private final ContractorsConsolePlugin plugin =
            new ContractorsConsolePlugin(registry, ContractorCsvTest.ZIPS, renderer, List::of, audited::add);

    ContractorsConsolePluginTest() {
        for (String id : List.of("solar-pv", "heat-pump")) {
            ServiceType type = new ServiceType() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String label() {
                    return "%intake.service." + id + ".label";
                }
            };
            @SuppressWarnings("unchecked")
            ServiceReference<ServiceType> ref = mock(ServiceReference.class);
            plugin.addServiceType(type, ref);
        }
        registry.save(contractor("c-1", "Sunny " + SCRIPT, Contractor.BUILT_IN));
        registry.save(contractor("demo-1", "Demo Heat", Contractor.DEMO));
    }

    @Test
    void aContractorsLeadsAndTheFunnelAreShownAndANewOutcomeLinkOnlyOnce() throws Exception {
        Leads leads = new Leads() {
            @Override
            public List<Lead> ofContractor(String contractorId) {
                return List.of(
                        new Lead(
                                7,
                                contractorId,
                                "REF-1",
                                Set.of("name", "email"),
                                "3",
                                Instant.parse("2026-11-02T10:00:00Z"),
                                Status.PROPOSAL_SENT,
                                LocalDate.of(2026, 11, 20),
                                "",
                                Instant.now()),
                        new Lead(
                                8,
                                contractorId,
                                null,
                                Set.of("name"),
                                "3",
                                Instant.parse("2026-10-02T10:00:00Z"),
                                Status.JOB_DONE,
                                LocalDate.of(2026, 10, 30),
                                SCRIPT,
                                Instant.now()));
            }

            @Override
            public List<FunnelRow> funnel() {
                return List.of(new FunnelRow("2026-11", "solar-pv", 12, 9, 5, 3, 1));
            }
        };
        ContractorChoices choices = new ContractorChoices() {
            @Override
            public Optional<String> choosePath(String reference) {
                return Optional.empty();
            }

            @Override
            public Optional<String> leadPath(long disclosureId) {
                return disclosureId == 7 ? Optional.of("/leads/fresh-token") : Optional.empty();
            }
        };
        plugin.bind(leads, choices);

        String detail = get(Map.of("id", "c-1"));
        assertTrue(detail.contains("<td>REF-1</td>") && detail.contains("<td>proposal-sent</td>"), detail);
        assertTrue(detail.contains("<td>(erased)</td>") && detail.contains("&lt;script&gt;"), detail);
        assertEquals(1, detail.split("New outcome link", -1).length - 1, "only the lead that is not erased: " + detail);
        assertFalse(detail.contains("/leads/fresh-token"), "no link before staff ask for one");
        assertEquals(1, audited.size(), "showing the leads is audited once");
        assertEquals("leads of contractor c-1", audited.get(0).record());
        assertEquals("directory", audited.get(0).module());

        String link = post(Map.of("action", "lead-link", "id", "c-1", "disclosure", "7"));
        assertTrue(link.contains("<code id=\"directory-lead-path\">/leads/fresh-token</code>"), link);
        assertEquals(2, audited.size(), "a new outcome link is audited");
        assertEquals("change", audited.get(1).action());
        assertEquals("lead 7", audited.get(1).record());
        String none = post(Map.of("action", "lead-link", "id", "c-1", "disclosure", "8"));
        assertTrue(none.contains("No outcome link can be made"), none);
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, renderer.status);
        assertEquals(2, audited.size(), "no link, no entry");

        String funnel = get(Map.of("view", "funnel"));
        assertTrue(
                funnel.contains(
                        "<tr><td>2026-11</td><td>solar-pv</td><td>12</td><td>9</td><td>5</td><td>3</td><td>1</td></tr>"),
                funnel);
    }

    @Test
    void deactivatingAContractorIsAuditedARefusedOneIsNot() throws Exception {
        post(Map.of("action", "deactivate", "id", "c-1"));
        post(Map.of("action", "deactivate", "id", "demo-1"));
        assertEquals(1, audited.size(), "only the change that was made: " + audited);
        assertEquals("change", audited.get(0).action());
        assertEquals("contractor c-1", audited.get(0).record());
        assertEquals("deactivated", audited.get(0).detail());
    }

    @Test
    void withoutTheLeadModuleThePagesSaySo() throws Exception {
        assertTrue(get(Map.of("id", "c-1")).contains("Leads are not available"));
        assertTrue(get(Map.of("view", "funnel")).contains("Leads are not available"));
    }

    @Test
    void aFormWithMistakesKeepsWhatWasTypedAndStoresNothing() throws Exception {
        String page = post(Map.of(
                "action",
                "save",
                "id",
                "",
                "business_name",
                "New " + SCRIPT,
                "services",
                "solar-pv",
                "base_zip",
                "99999",
                "website",
                "ftp://x.example"));
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, renderer.status);
        assertTrue(page.contains("value=\"New &lt;script&gt;alert(1)&lt;/script&gt;\""), page);
        assertTrue(page.contains("id=\"error-base_zip\""), page);
        assertTrue(page.contains("id=\"error-website\""), page);
        assertTrue(page.contains("value=\"solar-pv\" checked"), "the ticked service stays ticked: " + page);
        assertEquals(2, registry.all().size());
    }

    @Test
    void theListShowsDemoContractorsReadOnlyAndTheFormOfOneHasNoSaveButton() throws Exception {
        String list = get(Map.of());
        assertTrue(list.contains("demo (read-only)") && list.contains("Sunny &lt;script&gt;"), list);
        assertFalse(list.contains(SCRIPT));
        String demoForm = get(Map.of("view", "edit", "id", "demo-1"));
        assertTrue(demoForm.contains("shown read-only") && !demoForm.contains(">Save</button>"), demoForm);
    }

    @Test
    void expiringListsExpiredAndSoonExpiringCredentialsAndInsurance() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        Contractor c = new Contractor(
                "c-9",
                "Nine",
                Set.of("solar-pv"),
                "94110",
                new GeoPoint(37.7, -122.4),
                10,
                Set.of(),
                List.of(
                        new Certification("Old", "", "", LocalDate.of(2026, 11, 1)),
                        new Certification("Soon", "", "", LocalDate.of(2026, 12, 31)),
                        new Certification("Later", "", "", LocalDate.of(2027, 1, 2))),
                List.of(),
                LocalDate.of(2026, 12, 2),
                Set.of(),
                "",
                "",
                "",
                "",
                true,
                Contractor.BUILT_IN,
                null);
        List<Map<String, Object>> rows = ContractorsConsolePlugin.expiring(List.of(c), today);
        assertEquals(
                List.of("Old", "insurance", "Soon"),
                rows.stream()
                        .map(r -> r.get("kind").equals("insurance") ? "insurance" : (String) r.get("what"))
                        .toList());
        assertEquals("expired 31 day(s) ago", rows.get(0).get("when"));
        assertEquals("expires today", rows.get(1).get("when"));
    }

    // ---- fakes ------------------------------------------------------------------------------------

    private String get(Map<String, String> params) throws Exception {
        HttpServletRequest request = request("GET", params);
        HttpServletResponse response = mock(HttpServletResponse.class);
        renderer.status = 200;
        doAnswer(i -> renderer.status = i.getArgument(0))
                .when(response)
                .setStatus(org.mockito.ArgumentMatchers.anyInt());
        plugin.renderContent(request, response);
        return renderer.html;
    }

    /** A POST the plugin answers with a page the console then draws (as the console's adapter does). */
    private String post(Map<String, String> params) throws Exception {
        HttpServletRequest request = request("POST", params);
        HttpServletResponse response = mock(HttpServletResponse.class);
        renderer.status = 200;
        doAnswer(i -> renderer.status = i.getArgument(0))
                .when(response)
                .setStatus(org.mockito.ArgumentMatchers.anyInt());
        plugin.doPost(request, response);
        plugin.renderContent(request, response);
        return renderer.html;
    }

    private static HttpServletRequest request(String method, Map<String, String> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ServletConstants.ATTR_PLUGIN_ROOT, "/system/console/contractors");
        attributes.put(
                org.cec.portal.api.staff.StaffMember.REQUEST_ATTRIBUTE,
                new org.cec.portal.api.staff.StaffMember("ana", java.util.Set.of("staff"), "192.0.2.1"));
        when(request.getMethod()).thenReturn(method);
        when(request.getPathInfo()).thenReturn("/contractors");
        when(request.getParameter(anyString())).thenAnswer(i -> params.get(i.<String>getArgument(0)));
        when(request.getParameterValues(anyString())).thenAnswer(i -> {
            String v = params.get(i.<String>getArgument(0));
            return v == null ? null : new String[] {v};
        });
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1)))
                .when(request)
                .setAttribute(anyString(), org.mockito.ArgumentMatchers.any());
        return request;
    }

    static Contractor contractor(String id, String name, String source) {
        return new Contractor(
                id,
                name,
                Set.of("solar-pv"),
                "94110",
                new GeoPoint(37.7485, -122.4158),
                25,
                Set.of(),
                List.of(),
                List.of(),
                null,
                Set.of("en"),
                "",
                "",
                "",
                "",
                true,
                source,
                null);
    }

    /** Renders like the portal's console renderer: the bundle's templates, HTML-escaped. */
    static final class Renderer implements ConsoleViewRenderer {
        final Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        String html = "";
        int status;

        Renderer() {
            cfg.setTemplateLoader(
                    new ClassTemplateLoader(ContractorsConsolePlugin.class.getClassLoader(), "/templates"));
            cfg.setDefaultEncoding("UTF-8");
            cfg.setRecognizeStandardFileExtensions(true);
            cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
            cfg.setLocale(Locale.ENGLISH);
            cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            cfg.setFallbackOnNullLoopVariable(false);
        }

        @Override
        public void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment)
                throws IOException {
            StringWriter out = new StringWriter();
            try {
                cfg.getTemplate(fragment.template()).process(fragment.model(), out);
            } catch (TemplateException e) {
                throw new IOException(e);
            }
            html = out.toString();
        }
    }

    /** The registry's contract in memory. */
    static final class Registry implements ContractorRegistry {
        final Map<String, Contractor> stored = new TreeMap<>();
        int next;

        @Override
        public List<Contractor> all() {
            return new ArrayList<>(stored.values());
        }

        @Override
        public Optional<Contractor> find(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public Contractor save(Contractor contractor) {
            stored.put(contractor.id(), contractor);
            return contractor;
        }

        @Override
        public boolean setActive(String id, boolean active) {
            return stored.containsKey(id);
        }

        @Override
        public int importAll(List<Contractor> contractors, IntConsumer progress) {
            contractors.forEach(this::save);
            return contractors.size();
        }

        @Override
        public String newId() {
            return "c-n" + (++next);
        }
    }
}
