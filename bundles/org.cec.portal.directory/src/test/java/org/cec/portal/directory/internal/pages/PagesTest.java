package org.cec.portal.directory.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.utility.DeepUnwrap;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.testing.RecordingAnalytics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlets against a fake directory: JSON shape and errors, the website link, the profile's 404, the page model. */
class PagesTest {

    private final FakeDirectory directory = new FakeDirectory();
    private final PagesMessages messages = new PagesMessages();
    private final List<View> rendered = new ArrayList<>();
    private final ViewRenderer views = (request, response, view) -> rendered.add(view);
    private ServiceLabels services;
    private Searches searches;

    @BeforeEach
    void setUp() {
        services = new ServiceLabels(bundle -> messages);
        services.addService(service("solar", "Solar panels", 10), messages);
        services.addService(service("heat-pump", "Heat pump", 20), messages);
        searches = new Searches(directory, directory, services, new SourceLabels());
        for (int i = 1; i <= 25; i++) {
            directory.contractors.add(
                    FakeDirectory.contractor("c-" + i, "Sunny " + i, i * 0.5, "https://sunny" + i + ".example/", true));
        }
        directory.contractors.add(FakeDirectory.contractor("c-off", "Gone", 0.1, "https://gone.example/", false));
        directory.contractors.add(FakeDirectory.contractor("c-js", "Script", 0.1, "javascript:alert(1)", true));
    }

    private static ServiceType service(String id, String label, int rank) {
        return new ServiceType() {
            public String id() {
                return id;
            }

            public String label() {
                return label;
            }

            public int rank() {
                return rank;
            }
        };
    }

    private static HttpServletRequest get(String path, String... pairs) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Map<String, String[]> map = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            map.merge(pairs[i], new String[] {pairs[i + 1]}, (a, b) -> {
                String[] c = java.util.Arrays.copyOf(a, a.length + 1);
                c[a.length] = b[0];
                return c;
            });
            query.append(query.length() == 0 ? "" : "&")
                    .append(pairs[i])
                    .append('=')
                    .append(pairs[i + 1]);
        }
        when(request.getParameterMap()).thenReturn(map);
        when(request.getQueryString()).thenReturn(pairs.length == 0 ? null : query.toString());
        when(request.getAttribute(Languages.ATTRIBUTE)).thenReturn(Locale.ENGLISH);
        int slash = path.indexOf('/', 1);
        when(request.getPathInfo()).thenReturn(slash < 0 ? null : path.substring(slash));
        return request;
    }

    private static final class Answer {
        final HttpServletResponse response = mock(HttpServletResponse.class);
        final StringWriter written = new StringWriter();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Map<String, String> headers = new HashMap<>();
        int status = 200;

        Answer() throws Exception {
            when(response.getWriter()).thenReturn(new PrintWriter(written, true));
            when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            });
            doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1)))
                    .when(response)
                    .setHeader(anyString(), anyString());
            doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        }

        /** What was written, through the writer or as UTF-8 bytes. */
        String body() {
            return written + bytes.toString(StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body())).readObject();
        }
    }

    private Answer api(String... pairs) throws Exception {
        Answer a = new Answer();
        new ContractorApi(searches, messages).doGet(get("/api/v1/contractors", pairs), a.response);
        return a;
    }

    @Test
    void theApiAnswersOnePageOfContractorsNearestFirst() throws Exception {
        Answer a = api("zip", "94110", "radius", "25", "service", "solar");
        assertEquals(200, a.status);
        assertEquals(ContractorApi.CACHE, a.headers.get("Cache-Control"));
        JsonObject o = a.json();
        assertEquals(26, o.getInt("total")); // 25 within 13 miles, and c-js at 0.1
        assertEquals(2, o.getInt("pages"));
        assertEquals("/api/v1/contractors?zip=94110&radius=25&service=solar&page=2", o.getString("next"));
        assertTrue(o.isNull("prev"));
        JsonArray list = o.getJsonArray("contractors");
        assertEquals(20, list.size());
        JsonObject first = list.getJsonObject(0);
        assertEquals("c-js", first.getString("id"));
        assertTrue(first.isNull("website"), "a javascript: website is never linked");
        JsonObject second = list.getJsonObject(1);
        assertEquals("c-1", second.getString("id"));
        assertEquals("Sunny 1", second.getString("businessName"));
        assertEquals("0.5", second.getJsonNumber("distanceMiles").toString());
        assertEquals("solar", second.getJsonArray("services").getJsonObject(0).getString("id"));
        assertEquals(
                "Solar panels", second.getJsonArray("services").getJsonObject(0).getString("label"));
        assertEquals("demo", second.getString("source"));
        assertEquals("Demo", second.getString("sourceLabel"));
        assertEquals("/out/c-1", second.getString("website"));
        assertEquals("/contractors/c-1", second.getString("profile"));
        assertTrue(second.getBoolean("insured"));
        JsonArray certs = second.getJsonArray("certifications");
        assertEquals(2, certs.size());
        assertTrue(certs.getJsonObject(0).getBoolean("valid"));
        assertFalse(certs.getJsonObject(1).getBoolean("valid"));
        assertEquals(
                "C-46 Solar", second.getJsonArray("licences").getJsonObject(0).getString("class"));
        assertEquals(
                List.of("en", "es"),
                second.getJsonArray("languages").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        for (int i = 1; i < list.size(); i++) {
            assertTrue(list.getJsonObject(i - 1).getJsonNumber("distanceMiles").doubleValue()
                    <= list.getJsonObject(i).getJsonNumber("distanceMiles").doubleValue());
        }
    }

    @Test
    void theApiRefusesBadParametersWith400AndTheField() throws Exception {
        String[][] bad = {
            {"zip", "abc"},
            {"zip", "00000"},
            {"zip", "94110", "radius", "-5"},
            {"zip", "94110", "radius", "10000"},
            {"zip", "94110", "page", "-1"},
            {"zip", "94110", "page", "1000000000000"},
            {"zip", "94110", "service", "warp"},
            {"zip", "94110", "zip", "94110"},
            {"zip", "94110", "x", "y".repeat(10_000)},
            {}
        };
        String[] fields = {"zip", "zip", "radius", "radius", "page", "page", "service", "zip", null, "zip"};
        for (int i = 0; i < bad.length; i++) {
            Answer a = api(bad[i]);
            assertEquals(400, a.status, List.of(bad[i]).toString());
            JsonObject o = a.json();
            assertFalse(o.getString("error").isBlank());
            if (fields[i] == null) {
                assertTrue(o.isNull("field"));
            } else {
                assertEquals(fields[i], o.getString("field"));
            }
            assertEquals("no-store", a.headers.get("Cache-Control"));
        }
    }

    @Test
    void theWebsiteLinkLeadsOnlyToTheStoredWebsite() throws Exception {
        ModuleDatabase db = mock(ModuleDatabase.class);
        PortalEvents events = mock(PortalEvents.class);
        when(db.inGroupCommit(any()))
                .thenAnswer(i -> ((org.cec.portal.api.data.TransactionWork<?>) i.getArgument(0)).run(null));
        OutboundLink out = new OutboundLink(directory, new OutboundClicks(db, events), views);

        Answer a = new Answer();
        HttpServletRequest request = get("/out/c-3", "url", "https://evil.example/", "next", "//evil.example");
        out.doGet(request, a.response);
        assertEquals(302, a.status);
        assertEquals("https://sunny3.example/", a.headers.get("Location"));
        assertEquals("no-referrer", a.headers.get("Referrer-Policy"));
        verify(events).append("directory.outbound-click", "{\"contractor\":\"c-3\"}");

        for (String path : List.of("/out/unknown", "/out/c-off", "/out/c-js", "/out/", "/out/C-3", "/out/c-3/x")) {
            Answer missing = new Answer();
            rendered.clear();
            out.doGet(get(path), missing.response);
            assertEquals(1, rendered.size(), path);
            assertEquals(404, rendered.get(0).status(), path);
            assertNull(missing.headers.get("Location"), path);
        }
    }

    @Test
    void withoutTheDatabaseTheLinkStillWorks() throws Exception {
        OutboundLink out = new OutboundLink(directory, new OutboundClicks(), views);
        Answer a = new Answer();
        out.doGet(get("/out/c-2"), a.response);
        assertEquals(302, a.status);
        assertEquals("https://sunny2.example/", a.headers.get("Location"));

        ModuleDatabase failing = mock(ModuleDatabase.class);
        when(failing.inGroupCommit(any())).thenThrow(new IllegalStateException("database down"));
        OutboundLink out2 = new OutboundLink(directory, new OutboundClicks(failing, mock(PortalEvents.class)), views);
        Answer b = new Answer();
        out2.doGet(get("/out/c-2"), b.response);
        assertEquals("https://sunny2.example/", b.headers.get("Location"));
    }

    @Test
    void aHeadRequestIsNotAClick() throws Exception {
        PortalEvents events = mock(PortalEvents.class);
        ModuleDatabase db = mock(ModuleDatabase.class);
        OutboundLink out = new OutboundLink(directory, new OutboundClicks(db, events), views);
        Answer a = new Answer();
        out.doHead(get("/out/c-2"), a.response);
        assertEquals(302, a.status);
        verify(db, never()).inGroupCommit(any());
    }

    @Test
    void websitesThatAreNotAbsoluteHttpUrlsAreNeverLinked() {
        for (String bad : List.of(
                "javascript:alert(1)",
                "ftp://x.example/",
                "//evil.example",
                "/local",
                "https://user:pw@x.example/",
                "https:///nohost",
                "data:text/html,hi",
                "https://x.example/ a")) {
            assertTrue(
                    OutboundLink.target(FakeDirectory.contractor("c", "C", 0, bad, true))
                            .isEmpty(),
                    bad);
        }
        assertTrue(OutboundLink.target(FakeDirectory.contractor("c", "C", 0, "HTTP://x.example/a?b=c", true))
                .isPresent());
    }

    @Test
    void unknownOrInactiveProfilesAreAKind404() throws Exception {
        ProfilePage page = new ProfilePage(directory, services, new SourceLabels(), views);
        page.doGet(get("/contractors/c-5"), new Answer().response);
        assertEquals(200, rendered.get(0).status());
        assertEquals("directory/profile.ftlh", rendered.get(0).template());
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) rendered.get(0).model().get("c");
        assertEquals("verified", c.get("insurance"));
        assertEquals("tel:4155550100", c.get("phoneLink"));
        assertEquals("/out/c-5", c.get("website"));
        for (String path : List.of("/contractors/c-off", "/contractors/nobody", "/contractors/../etc")) {
            rendered.clear();
            page.doGet(get(path), new Answer().response);
            assertEquals(404, rendered.get(0).status(), path);
            assertEquals("directory/missing.ftlh", rendered.get(0).template());
        }
    }

    @Test
    void theSearchPageShowsResultsOrTheFormWithItsProblems() throws Exception {
        SearchPage page = new SearchPage(searches, views, messages);
        page.doGet(get("/contractors"), new Answer().response);
        assertEquals(200, rendered.get(0).status());
        assertEquals(false, rendered.get(0).model().get("searched"));

        rendered.clear();
        page.doGet(get("/contractors", "zip", "94110", "radius", "25", "page", "2"), new Answer().response);
        View v = rendered.get(0);
        assertEquals(200, v.status());
        assertEquals(26, v.model().get("total"));
        assertEquals(2, v.model().get("pages"));
        assertEquals(6, ((List<?>) v.model().get("results")).size());
        assertEquals("/contractors?zip=94110&radius=25", v.model().get("prev"));
        assertNull(v.model().get("next"));
        assertTrue(((List<?>) v.model().get("certs")).contains("NABCEP PV Installation Professional"));

        rendered.clear();
        page.doGet(get("/contractors", "zip", "abc", "radius", "-5"), new Answer().response);
        v = rendered.get(0);
        assertEquals(400, v.status());
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) v.model().get("errors");
        assertEquals("Enter a ZIP code of five digits, for example 94110.", errors.get("zip"));
        assertTrue(errors.containsKey("radius"));
        assertEquals(2, ((List<?>) v.model().get("summary")).size());

        rendered.clear();
        page.doGet(get("/contractors", "zip", "02108"), new Answer().response);
        v = rendered.get(0);
        assertEquals(0, v.model().get("total"));
        assertEquals("/contractors?zip=02108&radius=50", v.model().get("wider"));
    }

    /** The fake directory, answering the same search with the same result until {@link #change}, as the real one does. */
    private static final class KeepingDirectory implements ContractorDirectory {
        final FakeDirectory fake;
        final Map<String, SearchResult> kept = new HashMap<>();

        KeepingDirectory(FakeDirectory fake) {
            this.fake = fake;
        }

        @Override
        public SearchResult search(ContractorQuery query, Locale locale) {
            return kept.computeIfAbsent(query + locale.getLanguage(), k -> fake.search(query, locale));
        }

        @Override
        public Optional<Contractor> find(String id) {
            return fake.find(id);
        }

        @Override
        public List<String> certificationNames() {
            return fake.certificationNames();
        }

        void change(Runnable change) {
            change.run();
            kept.clear();
        }
    }

    /** Numbers as the web layer's {@code fmt} gives them (enough for the results). */
    public static final class Formats {
        public String number(Object value) {
            return java.text.NumberFormat.getNumberInstance(Locale.ENGLISH).format(value);
        }
    }

    /** The view's template rendered with Freemarker as the web layer configures it, with the real texts. */
    private String render(View view) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassLoaderForTemplateLoading(PagesTest.class.getClassLoader(), "/templates");
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setLocale(Locale.ENGLISH);
        Map<String, Object> model = new HashMap<>(view.model());
        model.put("msg", (TemplateMethodModelEx) args -> {
            Object[] rest = new Object[args.size() - 1];
            for (int k = 1; k < args.size(); k++) {
                rest[k - 1] = DeepUnwrap.unwrap((TemplateModel) args.get(k));
            }
            return messages.get(
                    Locale.ENGLISH,
                    DeepUnwrap.unwrap((TemplateModel) args.get(0)).toString(),
                    rest);
        });
        model.put("fmt", new Formats());
        StringWriter out = new StringWriter();
        cfg.getTemplate(view.template()).process(model, out);
        return out.toString();
    }

    @Test
    void theResultsAreRenderedOnceAndTheSameMarkupIsShownUntilTheDirectoryChanges() throws Exception {
        KeepingDirectory keeping = new KeepingDirectory(directory);
        Searches kept = new Searches(keeping, directory, services, new SourceLabels());
        List<String> pages = new ArrayList<>();
        ViewRenderer rendering = (request, response, view) -> {
            rendered.add(view);
            try {
                pages.add(render(view));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        SearchPage page = new SearchPage(kept, rendering, messages);
        String[] search = {"zip", "94110", "radius", "25", "service", "solar"};
        page.doGet(get("/contractors", search), new Answer().response);
        page.doGet(get("/contractors", search), new Answer().response);
        assertTrue(rendered.get(0).model().containsKey("results"), "the first page renders the results");
        assertFalse(rendered.get(1).model().containsKey("results"), "the second shows the kept markup");
        assertEquals(pages.get(0), pages.get(1));
        assertTrue(pages.get(0).contains("<h3><a href=\"/contractors/c-1\">Sunny 1</a></h3>"), pages.get(0));
        assertTrue(pages.get(0).contains("id=\"result-count\""));

        // Another search is rendered for itself; the form around the results is rendered every time.
        page.doGet(
                get("/contractors", "zip", "94110", "radius", "25", "service", "solar", "page", "2"),
                new Answer().response);
        assertTrue(rendered.get(2).model().containsKey("results"));
        assertTrue(pages.get(2).contains("Sunny 25"));
        assertFalse(pages.get(2).contains(">Sunny 1<"));

        // A page with problems is rendered every time.
        page.doGet(get("/contractors", "zip", "abc"), new Answer().response);
        page.doGet(get("/contractors", "zip", "abc"), new Answer().response);
        assertTrue(rendered.get(3).model().containsKey("errors"));
        assertTrue(rendered.get(4).model().containsKey("errors"), "not kept");
        assertEquals(pages.get(3), pages.get(4));
        assertTrue(pages.get(3).contains("id=\"error-summary\""));
        rendered.subList(3, 5).clear();
        pages.subList(3, 5).clear();

        keeping.change(() -> directory.contractors.removeIf(c -> c.id().equals("c-1")));
        page.doGet(get("/contractors", search), new Answer().response);
        assertTrue(rendered.get(3).model().containsKey("results"), "a changed directory gives a new result");
        assertFalse(pages.get(3).contains(">Sunny 1<"), "the change is shown");
        assertTrue(pages.get(3).contains(">Sunny 2<"));
    }

    @Test
    void theApiAnswersTheSameSearchWithTheSameBytesUntilTheDirectoryChanges() throws Exception {
        KeepingDirectory keeping = new KeepingDirectory(directory);
        Searches kept = new Searches(keeping, directory, services, new SourceLabels());
        ContractorApi api = new ContractorApi(kept, messages);
        Answer first = new Answer();
        api.doGet(get("/api/v1/contractors", "zip", "94110", "service", "solar"), first.response);
        Answer second = new Answer();
        api.doGet(get("/api/v1/contractors", "zip", "94110", "service", "solar"), second.response);
        assertEquals(first.body(), second.body());
        assertEquals(
                "c-js",
                first.json().getJsonArray("contractors").getJsonObject(0).getString("id"));
        verify(second.response).setContentLength(second.bytes.size());

        keeping.change(() -> directory.contractors.removeIf(c -> c.id().equals("c-js")));
        Answer after = new Answer();
        api.doGet(get("/api/v1/contractors", "zip", "94110", "service", "solar"), after.response);
        assertEquals(25, after.json().getInt("total"));
        assertEquals(
                "c-1", after.json().getJsonArray("contractors").getJsonObject(0).getString("id"));
    }

    @Test
    void aSearchOfThePageAndOfTheApiIsReportedToAnalyticsByZip3WithItsServiceRadiusAndResults() throws Exception {
        RecordingAnalytics recorder = new RecordingAnalytics();
        searches = new Searches(directory, directory, services, new SourceLabels(), new DirectoryAnalytics(recorder));
        HttpServletRequest page = get("/contractors", "zip", "94110", "radius", "25", "service", "solar");
        new SearchPage(searches, views, messages).doGet(page, new Answer().response);
        assertEquals(1, recorder.events.size());
        assertEquals(
                AnalyticsEvent.of(
                        AnalyticsEvent.DIRECTORY_SEARCH,
                        Map.of("zip3", "941", "service", "solar", "radius", "25", "results", "26")),
                recorder.events.get(0));
        assertTrue(recorder.requests.get(0) == page, "recorded for the visitor's request (their consent)");

        api("zip", "94110", "radius", "10");
        assertEquals(2, recorder.events.size());
        assertEquals(
                Map.of("zip3", "941", "service", DirectoryAnalytics.ANY_SERVICE, "radius", "10", "results", "20"),
                recorder.events.get(1).dimensions());
        assertFalse(recorder.events.toString().contains("94110"), "never the full ZIP: " + recorder.events);

        // paging on is not another search; a search with a mistake is none
        api("zip", "94110", "radius", "25", "page", "2");
        new SearchPage(searches, views, messages).doGet(get("/contractors", "zip", "abc"), new Answer().response);
        assertEquals(2, recorder.events.size(), recorder.events.toString());
    }

    @Test
    void aClickOnAWebsiteLinkIsReportedToAnalyticsButAHeadOrAMissingLinkIsNot() throws Exception {
        RecordingAnalytics recorder = new RecordingAnalytics();
        OutboundLink out = new OutboundLink(directory, new OutboundClicks(), views, new DirectoryAnalytics(recorder));
        Answer a = new Answer();
        out.doGet(get("/out/c-3"), a.response);
        assertEquals(302, a.status);
        assertEquals(
                List.of(AnalyticsEvent.of(AnalyticsEvent.OUTBOUND_CLICK, Map.of("contractor", "c-3"))),
                recorder.events);
        out.doHead(get("/out/c-3"), new Answer().response);
        out.doGet(get("/out/unknown"), new Answer().response);
        assertEquals(1, recorder.events.size(), recorder.events.toString());
    }

    @Test
    void aRecorderThatFailsOrIsMissingChangesNothingForTheVisitor() throws Exception {
        AnalyticsRecorder failing = new AnalyticsRecorder() {
            @Override
            public void record(HttpServletRequest request, AnalyticsEvent event) {
                throw new IllegalStateException("recorder broken");
            }

            @Override
            public void record(AnalyticsEvent event) {
                throw new IllegalStateException("recorder broken");
            }
        };
        for (DirectoryAnalytics analytics : List.of(new DirectoryAnalytics(failing), new DirectoryAnalytics(null))) {
            OutboundLink out = new OutboundLink(directory, new OutboundClicks(), views, analytics);
            Answer a = new Answer();
            out.doGet(get("/out/c-2"), a.response);
            assertEquals("https://sunny2.example/", a.headers.get("Location"));
            Searches s = new Searches(directory, directory, services, new SourceLabels(), analytics);
            Answer b = new Answer();
            new ContractorApi(s, messages).doGet(get("/api/v1/contractors", "zip", "94110"), b.response);
            assertEquals(200, b.status);
        }
    }
}
