package org.cec.portal.itests.pax;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.data.ModuleDatabase;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Acceptance of the consent module (issue 5) over real HTTP against the assembled features: the
 * banner and cookies of a first visit, receipts of each kind of choice, DNT and GPC, a policy version
 * change, email opt-outs, tampered cookies, and a crawl proving that no page references another
 * origin. What {@link ConsentService} answers for a request is read through a probe servlet
 * registered in the portal context, so it sees exactly the request the browser sent.
 */
public class ConsentPaxIT extends PortalTestSupport {

    private static final String PROBE = "/itest/consent-probe";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CONSENT_COOKIE = Pattern.compile("cec_consent=([^;]+)");
    private static final String BANNER = "id=\"consent-banner\"";

    private ServiceRegistration<Servlet> probe;

    /** A browser: its cookies (name=value; ...) and the CSRF token of the last form it saw. */
    private record Visitor(String cookies, String token) {
        String[] headers(String... more) {
            List<String> all = new ArrayList<>(List.of(more));
            if (!cookies.isEmpty()) {
                all.add("Cookie");
                all.add(cookies);
            }
            return all.toArray(String[]::new);
        }

        Visitor with(String cookie) {
            return new Visitor(cookies.isEmpty() ? cookie : cookies + "; " + cookie, token);
        }
    }

    @Before
    public void registerProbe() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", PROBE);
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=org.cec.portal)");
        probe = bundleContext.registerService(Servlet.class, new ProbeServlet(this::consent), props);
        awaitResponse(PROBE, r -> r.statusCode() == 200, CHANGE_TIMEOUT);
    }

    @After
    public void unregisterProbe() {
        if (probe != null) {
            probe.unregister();
        }
    }

    /** Answers what ConsentService says for the request it gets, as {@code analytics=... marketing=...}. */
    private static final class ProbeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Supplier<ConsentService> consent;

        ProbeServlet(java.util.function.Supplier<ConsentService> consent) {
            this.consent = consent;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ConsentService service = consent.get();
            resp.setContentType("text/plain");
            if (service == null) {
                resp.setStatus(503);
                resp.getWriter().print("no ConsentService");
                return;
            }
            resp.getWriter()
                    .print("preferences=" + service.allows(req, Purpose.PREFERENCES) + " analytics="
                            + service.allows(req, Purpose.ANALYTICS) + " marketing="
                            + service.allows(req, Purpose.MARKETING) + " necessary="
                            + service.allows(req, Purpose.NECESSARY));
        }
    }

    // ---- 1. first visit

    @Test
    public void firstVisitSetsNoCookieButTheNecessaryOneAndShowsTheBanner() {
        for (String path : List.of("/", "/privacy", "/no-such-page")) {
            HttpResponse<String> first = get(path);
            assertTrue(path + ": " + first.body(), first.body().contains(BANNER));
            for (String setCookie : first.headers().allValues("set-cookie")) {
                assertTrue(
                        path + " sets only the strictly necessary CSRF cookie: " + setCookie,
                        setCookie.startsWith("cec_csrf="));
            }
        }
        assertEquals(
                "preferences=false analytics=false marketing=false necessary=true",
                get(PROBE).body());
    }

    // ---- 2. receipts

    @Test
    public void rejectAllAcceptAllAndAMixedChoiceEachGiveTheRightCookieAndOneReceipt() {
        record Case(List<String> form, String choice, String flags) {}
        List<Case> cases = List.of(
                new Case(List.of("choice", "reject-all", "analytics", "yes"), "reject-all", "000"),
                new Case(List.of("choice", "accept-all"), "accept-all", "111"),
                new Case(List.of("choice", "custom", "analytics", "yes", "marketing", ""), "custom", "010"));
        for (Case c : cases) {
            long before = receiptCount();
            Visitor visitor = newVisitor("/");
            HttpResponse<String> answer = choose(visitor, c.form());
            assertEquals(answer.body(), 303, answer.statusCode());
            assertEquals("/", answer.headers().firstValue("location").orElse(""));
            String setCookie = answer.headers().allValues("set-cookie").stream()
                    .filter(h -> h.startsWith("cec_consent="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no consent cookie for " + c.choice()));
            assertTrue(setCookie, setCookie.contains("HttpOnly"));
            assertTrue(setCookie, setCookie.contains("SameSite=Lax"));
            assertFalse("plain HTTP: no Secure flag", setCookie.contains("Secure"));
            String[] value = cookieValue(setCookie).split("~");
            assertEquals("c1", value[0]);
            assertEquals(c.choice(), c.flags(), value[3]);
            assertEquals("one receipt per choice", before + 1, receiptCount());

            List<Object[]> rows = receipt(value[1]);
            assertEquals(1, rows.size());
            Object[] row = rows.get(0);
            assertEquals(c.choice(), row[0]);
            assertEquals(c.flags().charAt(0) == '1', row[1]);
            assertEquals(c.flags().charAt(1) == '1', row[2]);
            assertEquals(c.flags().charAt(2) == '1', row[3]);
            assertEquals(value[2], row[4]);
            assertEquals(64, row[5].toString().length());
            assertEquals(64, row[6].toString().length());

            Visitor chosen = visitor.with("cec_consent=" + cookieValue(setCookie));
            assertFalse(
                    "no banner after a choice",
                    get("/", chosen.headers()).body().contains(BANNER));
            String page = get("/privacy/choices", chosen.headers()).body();
            assertTrue(page, page.contains(value[1]));
        }
    }

    // ---- 3. DNT and GPC

    @Test
    public void gpcAndDntDenyAnalyticsAndMarketingUntilAnExplicitOptIn() {
        for (String signal : List.of("Sec-GPC", "DNT")) {
            Visitor visitor = newVisitor("/");
            assertEquals(
                    signal,
                    "preferences=false analytics=false marketing=false necessary=true",
                    get(PROBE, visitor.headers(signal, "1")).body());

            HttpResponse<String> optIn = postForm(
                    "/privacy/choices",
                    List.of("_csrf", visitor.token(), "choice", "accept-all"),
                    visitor.headers(signal, "1"));
            assertEquals(303, optIn.statusCode());
            Visitor chosen = visitor.with("cec_consent=" + consentCookie(optIn));
            assertEquals(
                    signal,
                    "preferences=true analytics=true marketing=true necessary=true",
                    get(PROBE, chosen.headers(signal, "1")).body());
            String page = get("/privacy/choices", chosen.headers(signal, "1")).body();
            assertTrue("the choices page says the signal was seen: " + page, page.contains("id=\"consent-signal\""));
        }
        // A choice made before the browser sent the signal does not outweigh it.
        Visitor earlier = newVisitor("/");
        HttpResponse<String> accepted = postForm(
                "/privacy/choices", List.of("_csrf", earlier.token(), "choice", "accept-all"), earlier.headers());
        Visitor chosen = earlier.with("cec_consent=" + consentCookie(accepted));
        assertEquals(
                "preferences=true analytics=false marketing=false necessary=true",
                get(PROBE, chosen.headers("Sec-GPC", "1")).body());
    }

    // ---- 4. policy version change

    @Test
    public void aNewPolicyVersionShowsTheBannerAgainToAVisitorWhoHadChosen() throws Exception {
        Visitor visitor = newVisitor("/");
        Visitor chosen = visitor.with("cec_consent=" + consentCookie(choose(visitor, List.of("choice", "reject-all"))));
        assertFalse(get("/", chosen.headers()).body().contains(BANNER));

        Path cfg = Path.of(bundleContext.getProperty("felix.fileinstall.dir"), "org.cec.portal.consent.cfg");
        Files.writeString(cfg, "policy.version=itest-2\n");
        try {
            HttpResponse<String> again = awaitGet("/", chosen, r -> r.body().contains(BANNER));
            assertTrue(again.body(), again.body().contains("Our privacy policy has changed"));
            assertTrue(get("/privacy", chosen.headers()).body().contains("Version itest-2"));
        } finally {
            Files.delete(cfg);
        }
        awaitGet("/", chosen, r -> !r.body().contains(BANNER));
    }

    // ---- 5. email opt-out

    @Test
    public void anEmailOptOutDeniesMarketingForThatAddressImmediately() {
        ConsentService service = consent();
        assertNotNull("ConsentService is registered", service);
        assertTrue(service.allows("opt.out@example.org", Purpose.MARKETING));
        Visitor visitor = newVisitor("/privacy/choices");
        HttpResponse<String> optOut = postForm(
                "/privacy/opt-out",
                List.of("_csrf", visitor.token(), "email", "  Opt.Out@Example.ORG ", "marketing-email", "yes"),
                visitor.headers());
        assertEquals(optOut.body(), 303, optOut.statusCode());
        assertFalse("effective when the response arrives", service.allows("opt.out@example.org", Purpose.MARKETING));
        assertTrue("address sharing was not opted out of", service.mayShareAddress("opt.out@example.org"));

        HttpResponse<String> optIn = postForm(
                "/privacy/opt-in",
                List.of("_csrf", visitor.token(), "email", "opt.out@example.org", "marketing-email", "yes"),
                visitor.headers());
        assertEquals(303, optIn.statusCode());
        assertFalse("opting back in stays pending", service.allows("opt.out@example.org", Purpose.MARKETING));

        HttpResponse<String> bad = postForm(
                "/privacy/opt-out",
                List.of("_csrf", visitor.token(), "email", "not-an-address", "address-sharing", "yes"),
                visitor.headers());
        assertEquals(400, bad.statusCode());
        assertTrue("keeps what was typed", bad.body().contains("value=\"not-an-address\""));
    }

    // ---- 6. tampered and foreign cookies

    @Test
    public void aTamperedOrForeignConsentCookieIsNoChoiceNeverConsentNeverAnError() {
        Visitor visitor = newVisitor("/");
        String valid = consentCookie(choose(visitor, List.of("choice", "reject-all")));
        String[] parts = valid.split("~");
        String tampered = valid.replace("~000~", "~111~");
        String foreign = String.join("~", parts[0], parts[1], parts[2], "111", parts[4], parts[5])
                        .replaceAll("\\.[^.~]+\\.[^.~]+$", "")
                + ".ffffffff.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (String cookie : List.of(tampered, foreign, "garbage", "c1~x~y~111~0~1.a.b", "")) {
            Visitor v = visitor.with("cec_consent=" + cookie);
            HttpResponse<String> home = get("/", v.headers());
            assertEquals(cookie, 200, home.statusCode());
            assertTrue(cookie + ": banner again", home.body().contains(BANNER));
            assertEquals(
                    cookie,
                    "preferences=false analytics=false marketing=false necessary=true",
                    get(PROBE, v.headers()).body());
            assertEquals(cookie, 200, get("/privacy/choices", v.headers()).statusCode());
        }
    }

    // ---- 7. no page references another origin

    @Test
    public void noPageOfThePortalReferencesAnotherOrigin() throws Exception {
        installExamplePlugin();
        Pattern attribute = Pattern.compile(
                "(?i)\\b(?:src|href|action|formaction|poster|data|srcset|xlink:href)\\s*=\\s*[\"']([^\"']*)[\"']");
        Pattern cssUrl = Pattern.compile("(?i)url\\(\\s*[\"']?([^\"')]*)");
        Pattern cssImport = Pattern.compile("(?i)@import\\s+[\"']([^\"']+)");
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(
                "/", "/privacy", "/privacy/choices", "/partner/hello", "/no-such-page", "/static/no-such-asset.css"));
        List<String> foreign = new ArrayList<>();
        String ownOrigin = uri("").toString();
        int pages = 0;
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> response = get(path);
            String type = response.headers().firstValue("content-type").orElse("");
            String body = response.body();
            List<String> references = new ArrayList<>();
            if (type.startsWith("text/html")) {
                pages++;
                if (path.startsWith("/privacy/choices")) {
                    assertFalse("the choices page shows its own form, not the banner too", body.contains(BANNER));
                } else {
                    assertTrue(path + " shows the banner to a visitor without a choice", body.contains(BANNER));
                }
                collect(attribute, body, references);
                collect(cssUrl, body, references);
            } else if (type.startsWith("text/css")) {
                collect(cssUrl, body, references);
                collect(cssImport, body, references);
            }
            for (String reference : references) {
                for (String candidate : reference.split(",")) {
                    String ref = candidate.strip().split("\\s+")[0];
                    if (ref.isEmpty() || ref.startsWith("#") || ref.startsWith("data:")) {
                        continue;
                    }
                    if (ref.startsWith(ownOrigin + "/")) {
                        // an absolute link to this very portal (the hreflang alternates): same origin
                        ref = ref.substring(ownOrigin.length());
                    }
                    URI uri = URI.create(path).resolve(ref.replace(" ", "%20"));
                    if (uri.getScheme() != null || uri.getRawAuthority() != null || ref.startsWith("//")) {
                        foreign.add(path + " -> " + ref);
                        continue;
                    }
                    String next = uri.getRawPath();
                    if (next != null && !next.startsWith("/system/console") && !seen.contains(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        // The error pages of unsafe requests: a form without its token.
        HttpResponse<String> refused = postForm("/privacy/choices", List.of("choice", "accept-all"));
        assertEquals(403, refused.statusCode());
        List<String> onErrorPage = new ArrayList<>();
        collect(attribute, refused.body(), onErrorPage);
        onErrorPage.stream()
                .filter(r -> r.contains("//") && !r.startsWith(ownOrigin + "/"))
                .forEach(r -> foreign.add("403 page -> " + r));

        assertEquals("references to other origins", List.of(), foreign);
        assertTrue("crawled the portal's pages: " + seen, pages >= 5);
        assertTrue(
                "crawled the stylesheets: " + seen,
                seen.contains("/static/portal.css") && seen.contains("/privacy/static/consent.css"));
    }

    private static void collect(Pattern pattern, String text, List<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1).replace("&amp;", "&"));
        }
    }

    // ---- helpers

    @Test
    public void staffLookUpAReceiptAndSeeTheOptOutsOnTheConsoleConsentPage() throws Exception {
        Visitor visitor = newVisitor("/");
        String receiptId = consentCookie(choose(visitor, List.of("choice", "custom", "analytics", "yes")))
                .split("~")[1];
        String email = "console-" + System.nanoTime() + "@example.org";
        consent().optOut(email, org.cec.portal.api.consent.OptOut.MARKETING_EMAIL);

        HttpResponse<String> anonymous = get("/system/console/consent");
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").startsWith("/system/sign-in"));
        HttpResponse<String> page =
                get("/system/console/consent?receipt=" + receiptId, "Authorization", adminAuthorization());
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue("the receipt is found: " + page.body(), page.body().contains(receiptId));
        assertTrue("its choice is shown", page.body().contains("custom"));
        assertTrue("the opt-out list names the address", page.body().contains(email));
        HttpResponse<String> attack = get(
                "/system/console/consent?receipt=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "Authorization", adminAuthorization());
        assertFalse("the lookup field is escaped", attack.body().contains("<script>alert(1)</script>"));
    }

    private ConsentService consent() {
        ServiceReference<ConsentService> ref = bundleContext.getServiceReference(ConsentService.class);
        return ref == null ? null : bundleContext.getService(ref);
    }

    private Visitor newVisitor(String page) {
        HttpResponse<String> response = get(page);
        Matcher m = CSRF_FIELD.matcher(response.body());
        assertTrue("a form on " + page, m.find());
        String csrf = response.headers().allValues("set-cookie").stream()
                .filter(h -> h.startsWith("cec_csrf="))
                .map(h -> h.split(";", 2)[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CSRF cookie"));
        return new Visitor(csrf, m.group(1));
    }

    private HttpResponse<String> choose(Visitor visitor, List<String> form) {
        List<String> fields = new ArrayList<>(List.of("_csrf", visitor.token(), "return", "/"));
        fields.addAll(form);
        return postForm("/privacy/choices", fields, visitor.headers());
    }

    private static String consentCookie(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream()
                .filter(h -> h.startsWith("cec_consent="))
                .map(ConsentPaxIT::cookieValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consent cookie: " + response.statusCode()));
    }

    private static String cookieValue(String setCookie) {
        Matcher m = CONSENT_COOKIE.matcher(setCookie);
        assertTrue(setCookie, m.find());
        return m.group(1);
    }

    private HttpResponse<String> awaitGet(
            String path, Visitor visitor, java.util.function.Predicate<HttpResponse<String>> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, visitor.headers());
            if (expected.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "GET " + path + " not as expected within " + CHANGE_TIMEOUT + ": " + (last == null ? "" : last.body()));
    }

    private ModuleDatabase consentDatabase() {
        try {
            var refs = bundleContext.getServiceReferences(ModuleDatabase.class, "(cec.module=consent)");
            assertFalse("the consent module has its database", refs.isEmpty());
            return bundleContext.getService(refs.iterator().next());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private long receiptCount() {
        return consentDatabase().read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM consent_receipt")
                        .getSingleResult())
                .longValue());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> receipt(String id) {
        return consentDatabase().read(em -> (List<Object[]>) em.createNativeQuery(
                        "SELECT choice, preferences, analytics, marketing, policy_version, policy_hash, banner_hash"
                                + " FROM consent_receipt WHERE receipt_id = ?1")
                .setParameter(1, id)
                .getResultList());
    }
}
