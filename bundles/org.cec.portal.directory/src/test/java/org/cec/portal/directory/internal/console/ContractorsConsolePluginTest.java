package org.cec.portal.directory.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
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
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.directory.internal.choice.Leads;
import org.cec.portal.directory.internal.store.ContractorRegistry;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleMessages;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The console page's views rendered from its real template, with fakes for what it reads. */
class ContractorsConsolePluginTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    /** What the plugin recorded in the audit log. */
    private final List<org.cec.portal.api.audit.AuditEntry> audited = new java.util.ArrayList<>();

    private final Registry registry = new Registry();
    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(ContractorsConsolePlugin.class);

    /** The status the plugin last set. */
    private int status;

    /** The Location header the plugin last set. */
    private String location = "";

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    /** This bundle's messages files, as the portal's translations give them. */
    private static final Messages TEXTS = new ModuleMessages(ContractorsConsolePlugin.class);

    /** The bundle that registers the service types. */
    private final Bundle services = mock(Bundle.class);

    /** The portal's translations: the messages of the bundle that registers the service types, no other. */
    private final Translations translations = bundle -> {
        assertEquals(services, bundle, "a service's label is read from the bundle that registered it");
        return TEXTS;
    };

    private final ContractorsConsolePlugin plugin = new ContractorsConsolePlugin(
            registry, ContractorCsvTest.ZIPS, renderer, List::of, audited::add, translations, TEXTS);

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
            when(ref.getBundle()).thenReturn(services);
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
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, status);
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
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, status);
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
        assertEquals("expired 31 day(s) ago", text(rows.get(0).get("when"), Locale.ENGLISH));
        assertEquals("expires today", text(rows.get(1).get("when"), Locale.ENGLISH));
        assertEquals("in 29 day(s)", text(rows.get(2).get("when"), Locale.ENGLISH));
        assertEquals("venció hace 31 día(s)", text(rows.get(0).get("when"), SPANISH));
    }

    // ---- the page's languages ---------------------------------------------------------------------

    @Test
    void everyViewSpeaksSpanishWithoutARawKey() throws Exception {
        Map<String, String> es = Map.of("lang", "es");
        String list = get(es);
        assertSpanish(list);
        assertTrue(list.contains("<div id=\"contractors-page\" lang=\"es\">"), list);
        assertTrue(list.contains("2 de 2 contratista(s).") && list.contains("<th>Razón social</th>"), list);
        assertTrue(list.contains("demo (solo lectura)") && list.contains(">Filtrar</button>"), list);
        assertTrue(list.contains("que vencen en los próximos 30 días"), list);

        String form = get(with(es, "view", "new"));
        assertSpanish(form);
        assertTrue(form.contains("<h2>Nuevo contratista</h2>") && form.contains(">Guardar</button>"), form);
        assertTrue(form.contains("placeholder=\"aaaa-mm-dd\""), form);
        String demoForm = get(with(es, "view", "edit", "id", "demo-1"));
        assertSpanish(demoForm);
        assertTrue(demoForm.contains("se muestra en modo de solo lectura")
                && demoForm.contains("Editar el contratista demo-1"));

        String detail = get(with(es, "id", "c-1"));
        assertSpanish(detail);
        assertTrue(
                detail.contains("Visible para los propietarios: sí") && detail.contains(">Desactivar</button>"),
                detail);
        assertTrue(detail.contains("Los contactos no están disponibles"), detail);

        String funnel = get(with(es, "view", "funnel"));
        assertSpanish(funnel);
        assertTrue(funnel.contains("Embudo de contactos por mes y servicio"), funnel);
        String expiring = get(with(es, "view", "expiring"));
        assertSpanish(expiring);
        assertTrue(expiring.contains("Nada vence en los próximos 30 días."), expiring);
        String importView = get(with(es, "view", "import"));
        assertSpanish(importView);
        assertTrue(importView.contains("columnas: id, business_name, services, base_zip,")
                && importView.contains("20 MB como máximo"));

        String badFilter = get(with(es, "state", "sideways", "area", "abc"));
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, status);
        assertSpanish(badFilter);
        assertTrue(
                badFilter.contains("Revise el filtro:") && badFilter.contains("<li>estado: active o inactive</li>"),
                badFilter);
        String badPage = get(with(es, "page", "7"));
        assertTrue(badPage.contains("<li>la página debe ser un número de 0 a 0</li>"), badPage);

        assertSpanish(get(with(es, "id", "no-such")));
        assertTrue(renderer.html().contains("No hay ningún contratista, archivo ni página con este id."));
        String unknown = post(with(es, "action", "explode"));
        assertSpanish(unknown);
        assertTrue(unknown.contains("Acción desconocida: use save, activate"), unknown);
        String refused = post(with(es, "action", "deactivate", "id", "demo-1"));
        assertTrue(
                refused.contains("Los contratistas de demostración y de socios no se pueden modificar aquí."), refused);
    }

    @Test
    void aFormWithMistakesGivesEachFieldsReasonsInTheLanguageOfThePage() throws Exception {
        Map<String, String> typed =
                Map.of("action", "save", "id", "", "business_name", "", "base_zip", "9411", "email", "nope");
        String english = post(typed);
        assertTrue(
                english.contains("id=\"contractors-message\">Not saved: check the fields marked below.</p>"), english);
        assertTrue(
                english.contains("<strong class=\"directory-error\" id=\"error-business_name\">is required</strong>"),
                english);
        assertTrue(
                english.contains("id=\"error-base_zip\">&#39;9411&#39; is not a known five-digit US ZIP</strong>"),
                english);
        assertTrue(english.contains("id=\"error-email\">is not an email address</strong>"), english);
        String spanish = post(with(typed, "lang", "es"));
        assertSpanish(spanish);
        assertTrue(spanish.contains("No se guardó: revise los campos marcados abajo."), spanish);
        assertTrue(spanish.contains("id=\"error-business_name\">es obligatorio</strong>"), spanish);
        assertTrue(
                spanish.contains(
                        "id=\"error-base_zip\">&#39;9411&#39; no es un código postal (ZIP) conocido de EE. UU. de cinco dígitos</strong>"),
                spanish);
    }

    @Test
    void theImportsPreviewProblemsAndProgressSpeakThePagesLanguage() throws Exception {
        StringBuilder bad = new StringBuilder(ContractorCsvTest.HEADER);
        for (int n = 1; n <= 1000; n++) {
            bad.append(ContractorCsvTest.row(n));
        }
        String file = bad.toString()
                .replace(
                        "\"Sunny Roofs 17, Inc.\",solar-pv;heat-pump", "\"Sunny Roofs 17, Inc.\",solar-pv;rocket-fuel");
        String english = upload(Map.of(), file);
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, status);
        assertTrue(english.contains("1000 row(s), 1 problem(s)."), "no thousands separator: " + english);
        assertTrue(
                english.contains("<tr><td>18</td><td>services</td><td>unknown service &#39;rocket-fuel&#39;</td></tr>"),
                english);
        String spanish = upload(Map.of("lang", "es"), file);
        assertSpanish(spanish);
        assertTrue(spanish.contains("1000 fila(s), 1 problema(s).") && spanish.contains("<th>Motivo</th>"), spanish);
        assertTrue(
                spanish.contains(
                        "<tr><td>18</td><td>services</td><td>servicio desconocido &#39;rocket-fuel&#39;</td></tr>"),
                spanish);
        assertTrue(spanish.contains("No se importa nada de este archivo"), spanish);

        upload(Map.of(), ContractorCsvTest.HEADER + ContractorCsvTest.row(1) + ContractorCsvTest.row(2));
        assertEquals(HttpServletResponse.SC_SEE_OTHER, status);
        assertTrue(location.matches("/system/console/contractors\\?job=[0-9a-f]{32}"), location);
        String job = location.substring(location.indexOf("job=") + 4);
        String preview = get(Map.of("job", job, "lang", "es"));
        assertSpanish(preview);
        assertTrue(
                preview.contains("2 fila(s), 0 problema(s).") && preview.contains("Importar 2 contratista(s)"),
                preview);
        assertTrue(preview.contains("<h3>Las primeras filas</h3>"), preview);
        assertTrue(get(Map.of("job", job)).contains("Import 2 contractor(s)"));

        String latin1 = upload(Map.of("lang", "es"), "id,\u00e9", StandardCharsets.ISO_8859_1);
        assertEquals(HttpServletResponse.SC_BAD_REQUEST, status);
        assertTrue(latin1.contains("El archivo no es texto UTF-8: guárdelo como CSV UTF-8."), latin1);
        String noJob = post(Map.of("action", "import", "job", "nope", "lang", "es"));
        assertTrue(noJob.contains("No hay ningún archivo cargado con este id"), noJob);
    }

    @Test
    void aFlashMessageIsAKnownKeyAndAnythingElseIsIgnored() throws Exception {
        post(Map.of("action", "deactivate", "id", "c-1"));
        assertEquals(HttpServletResponse.SC_SEE_OTHER, status);
        assertEquals("/system/console/contractors?id=c-1&message=console.contractors.message.deactivated", location);
        String english = get(Map.of("id", "c-1", "message", "console.contractors.message.deactivated"));
        assertTrue(english.contains("id=\"contractors-message\">Contractor deactivated.</p>"), english);
        String spanish = get(Map.of("id", "c-1", "message", "console.contractors.message.deactivated", "lang", "es"));
        assertTrue(spanish.contains("id=\"contractors-message\">Contratista desactivado.</p>"), spanish);
        String forged = get(Map.of("id", "c-1", "message", "Your account is locked: call 555-0100"));
        assertFalse(forged.contains("contractors-message") || forged.contains("555-0100"), forged);
        assertFalse(get(Map.of("message", "console.contractors.form.save")).contains("contractors-message"));
    }

    @Test
    void aServicesLabelIsReadFromTheMessagesOfItsBundleInEachLanguage() {
        assertEquals("New contractor", label("%console.contractors.nav.new", Locale.ENGLISH));
        assertEquals("Nuevo contratista", label("%console.contractors.nav.new", SPANISH));
        assertEquals("Rooftop solar", label("Rooftop solar", SPANISH), "a label that is no key, as it is");
        assertEquals("solar-pv", label("%intake.service.solar-pv.label", SPANISH), "the id for a key it lacks");
        assertEquals("solar-pv", label(" ", SPANISH), "the id for a blank label");
        assertEquals("solar-pv", label(null, Locale.ENGLISH), "the id for no label");
    }

    /** The label of a service "solar-pv" labelled {@code label}, from this bundle's messages. */
    private static String label(String label, Locale language) {
        ServiceType solar = new ServiceType() {
            @Override
            public String id() {
                return "solar-pv";
            }

            @Override
            public String label() {
                return label;
            }
        };
        return ContractorsConsolePlugin.label(solar, TEXTS, language);
    }

    @Test
    void aBadExportFilterIsRefusedInThePagesLanguage() throws Exception {
        HttpServletRequest request = request("GET", Map.of("state", "sideways", "lang", "es"));
        when(request.getPathInfo()).thenReturn("/contractors/export.csv");
        HttpServletResponse response = mock(HttpServletResponse.class);
        plugin.doGet(request, response);
        org.mockito.Mockito.verify(response)
                .sendError(HttpServletResponse.SC_BAD_REQUEST, "Revise el filtro: estado: active o inactive");
        HttpServletRequest english = request("GET", Map.of("state", "sideways", "area", "abc"));
        when(english.getPathInfo()).thenReturn("/contractors/export.csv");
        HttpServletResponse answer = mock(HttpServletResponse.class);
        plugin.doGet(english, answer);
        org.mockito.Mockito.verify(answer)
                .sendError(
                        HttpServletResponse.SC_BAD_REQUEST,
                        "Check the filter: state or ZIP: two letters (a licence's state) or the first 1 to 5 digits of a ZIP;"
                                + " state: active or inactive");
    }

    @Test
    void bothLanguagesHaveTheSameKeysInTheSameOrderWithTheSamePlaceholders() throws Exception {
        List<String[]> en = entries("/messages/messages.properties");
        List<String[]> es = entries("/messages/messages_es.properties");
        assertEquals(
                en.stream().map(e -> e[0]).toList(), es.stream().map(e -> e[0]).toList(), "the keys, in order");
        assertTrue(
                en.stream().filter(e -> e[0].startsWith("console.contractors.")).count() > 150);
        java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\{\\d+[^}]*}");
        for (int i = 0; i < en.size(); i++) {
            if (!en.get(i)[0].startsWith("console.contractors.")) {
                continue;
            }
            assertEquals(
                    placeholders(placeholder, en.get(i)[1]), placeholders(placeholder, es.get(i)[1]), en.get(i)[0]);
            boolean withArguments = placeholder.matcher(en.get(i)[1]).find();
            for (String[] e : List.of(en.get(i), es.get(i))) {
                if (withArguments) {
                    assertFalse(e[1].replace("''", "").contains("'"), "with arguments, an apostrophe twice: " + e[0]);
                } else {
                    assertFalse(e[1].contains("''"), "without arguments, an apostrophe once: " + e[0]);
                }
            }
        }
    }

    private static List<String> placeholders(java.util.regex.Pattern p, String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** The key and value of each entry of a properties file, in the file's order. */
    private static List<String[]> entries(String resource) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (var in = ContractorsConsolePluginTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                out.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
            }
        }
        return out;
    }

    private static void assertSpanish(String html) {
        assertTrue(html.startsWith("<div id=\"contractors-page\" lang=\"es\">"), html);
        assertFalse(html.contains("console."), "no raw key: " + html);
        assertTrue(
                html.contains(
                        ">Contratistas</a> · <a href=\"/system/console/contractors?view=new\">Nuevo contratista</a>"),
                html);
    }

    private static Map<String, String> with(Map<String, String> params, String... more) {
        Map<String, String> all = new HashMap<>(params);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static String text(Object model, Locale locale) {
        Map<String, Object> m = (Map<String, Object>) model;
        return new Text((String) m.get("key"), (List<String>) m.get("args")).format(TEXTS, locale);
    }

    private String upload(Map<String, String> params, String csv) throws Exception {
        return upload(params, csv, StandardCharsets.UTF_8);
    }

    /** The CSV file posted as text/csv, as the page's upload takes it, and the page then drawn. */
    private String upload(Map<String, String> params, String csv, java.nio.charset.Charset charset) throws Exception {
        byte[] body = csv.getBytes(charset);
        HttpServletRequest request = UploadsTest.request("text/csv", body, body.length);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ServletConstants.ATTR_PLUGIN_ROOT, "/system/console/contractors");
        attributes.put(
                org.cec.portal.api.staff.StaffMember.REQUEST_ATTRIBUTE,
                new org.cec.portal.api.staff.StaffMember("ana", java.util.Set.of("staff"), "192.0.2.1"));
        when(request.getMethod()).thenReturn("POST");
        when(request.getPathInfo()).thenReturn("/contractors/upload");
        when(request.getParameter(anyString())).thenAnswer(i -> params.get(i.<String>getArgument(0)));
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1)))
                .when(request)
                .setAttribute(anyString(), org.mockito.ArgumentMatchers.any());
        HttpServletResponse response = response();
        plugin.doPost(request, response);
        if (status == HttpServletResponse.SC_SEE_OTHER) {
            return "";
        }
        plugin.renderContent(request, response);
        return renderer.html();
    }

    // ---- fakes ------------------------------------------------------------------------------------

    /** A response that keeps the status and the Location header the plugin sets. */
    private HttpServletResponse response() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        status = 200;
        location = "";
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        doAnswer(i -> location = i.getArgument(1))
                .when(response)
                .setHeader(org.mockito.ArgumentMatchers.eq("Location"), anyString());
        return response;
    }

    private String get(Map<String, String> params) throws Exception {
        HttpServletRequest request = request("GET", params);
        HttpServletResponse response = response();
        plugin.renderContent(request, response);
        return renderer.html();
    }

    /** A POST the plugin answers with a page the console then draws (as the console's adapter does). */
    private String post(Map<String, String> params) throws Exception {
        HttpServletRequest request = request("POST", params);
        HttpServletResponse response = response();
        plugin.doPost(request, response);
        plugin.renderContent(request, response);
        return renderer.html();
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
