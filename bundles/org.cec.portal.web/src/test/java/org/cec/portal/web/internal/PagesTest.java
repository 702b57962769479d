package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.junit.jupiter.api.Test;

/** A page is the layout around the module's output, sent as one block of bytes, or not at all. */
class PagesTest {

    private static final String ATTACK = "<script>alert(1)</script>";

    private static Pages.Config config() {
        return new Pages.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Pages.Config.class;
            }

            @Override
            public String site_name() {
                return "Test Portal";
            }

            @Override
            public String operator() {
                return "Test Operator";
            }

            @Override
            public String privacy_path() {
                return "/privacy";
            }

            @Override
            public String time_zone() {
                return "America/Los_Angeles";
            }
        };
    }

    /** A response whose body and Content-Length are kept. */
    private static final class Sent {
        final HttpServletResponse response = mock(HttpServletResponse.class);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int contentLength = -1;

        Sent() throws Exception {
            when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            });
            org.mockito.Mockito.doAnswer(inv -> contentLength = inv.getArgument(0))
                    .when(response)
                    .setContentLength(anyInt());
        }

        String html() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static HttpServletRequest request(String token) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn("/x");
        when(request.getContextPath()).thenReturn("");
        Supplier<String> lazy = () -> token;
        when(request.getAttribute(PortalWeb.CSRF_TOKEN_ATTRIBUTE)).thenReturn(lazy);
        return request;
    }

    private static final PortalTranslations TRANSLATIONS = ClassLoaderBundles.translations();

    private static PageContributions banner() {
        PageContributions contributions = new PageContributions(TRANSLATIONS);
        contributions.add(
                new PageContribution() {
                    @Override
                    public Optional<PageFragment> contribute(HttpServletRequest request) {
                        return Optional.of(new PageFragment("testfragment/notice.ftlh", Map.of("message", "Banner")));
                    }
                },
                ClassLoaderBundles.templates(TRANSLATIONS));
        return contributions;
    }

    private final Pages pages = new Pages(new Navigation(TRANSLATIONS), banner(), TRANSLATIONS, config());
    private final BundleTemplates module = ClassLoaderBundles.templates(TRANSLATIONS);

    private Sent render(String template, String heading, String token) throws Exception {
        Sent sent = new Sent();
        Map<String, Object> model = new HashMap<>();
        model.put("heading", heading);
        pages.render(request(token), sent.response, module, new View(template, "Title " + heading, model, 201));
        return sent;
    }

    @Test
    void theModulesOutputIsInsideTheLayoutEscapedAndSentWithItsLength() throws Exception {
        Sent sent = render("testpage/form.ftlh", ATTACK, "token-1");

        String html = sent.html();
        verify(sent.response).setStatus(201);
        verify(sent.response).setHeader("Cache-Control", "no-store");
        assertEquals(sent.body.size(), sent.contentLength);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<main id=\"main\" class=\"wrap\">\n    <h1>&lt;script&gt;"), html);
        assertTrue(html.contains("name=\"_csrf\" value=\"token-1\""), html);
        assertTrue(html.contains("<aside class=\"notice\" id=\"test-notice\">Banner on /x</aside>"), html);
        assertTrue(html.indexOf("test-notice") < html.indexOf("<main"), "the banner is at the top");
        assertTrue(html.contains("<title>Title &lt;script&gt;alert(1)&lt;/script&gt; &middot; Test Portal</title>"));
        assertFalse(html.contains(ATTACK), html);
    }

    @Test
    void aPageOfPortalTemplatesIsPlainAscii() throws Exception {
        byte[] body = render("testpage/form.ftlh", "Heading", "token-1").body.toByteArray();
        for (byte b : body) {
            assertTrue(b >= 0, "only ASCII bytes: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void textBeyondAsciiIsSentAsUtf8() throws Exception {
        Sent sent = render("testpage/form.ftlh", "Jos\u00e9 \u20ac \uD83D\uDE00", "token-1");
        assertTrue(sent.html().contains("<h1>Jos\u00e9 \u20ac \uD83D\uDE00</h1>"), sent.html());
        assertEquals(sent.body.size(), sent.contentLength);
    }

    @Test
    void aPageRenderedAfterAnotherHasNothingOfItOnTheSameThread() throws Exception {
        // The first page is longer and non-ASCII pages are dropped: try both orders of buffer reuse.
        for (String first : List.of("visitor-one-" + "x".repeat(20_000), "visitor-\u20ac")) {
            String firstHtml =
                    render("testpage/form.ftlh", first, "token-of-one").html();
            assertTrue(firstHtml.contains(first));
            Sent second = render("testpage/form.ftlh", "two", "token-of-two");
            String html = second.html();
            assertFalse(html.contains("visitor-"), html);
            assertFalse(html.contains("token-of-one"), html);
            assertTrue(html.contains("token-of-two"), html);
            assertTrue(html.endsWith("</html>\n"), html);
            assertEquals(second.body.size(), second.contentLength);
        }
    }

    @Test
    void aTemplateThatFailsHalfWayGivesTheErrorPageAndNoPartOfThePage() throws Exception {
        Sent sent = render("testpage/broken.ftlh", "broken", "token-1");

        verify(sent.response).sendError(500);
        verify(sent.response, never()).getOutputStream();
        verify(sent.response, never()).setStatus(anyInt());
        assertEquals(0, sent.body.size());

        Sent next = render("testpage/form.ftlh", "after", "token-2");
        assertFalse(next.html().contains("Half a page"), "nothing of the failed page is left over");
    }

    @Test
    void theLayoutOutputIsTheSameAsWithTheContentInsertedAsMarkup() throws Exception {
        // The layout pulls the module's output in with <@content/><#nt>: the markup around it is
        // exactly what "${content}" on that line gave, indentation and line break included.
        freemarker.template.Configuration cfg = Pages.newConfiguration(Pages.class.getClassLoader());
        Map<String, Object> model = new HashMap<>();
        model.put("site", Map.of("name", "S", "operator", "O", "privacyPath", "/privacy"));
        model.put("title", "T");
        model.put("navigation", List.of(new Navigation.Entry("Nav", "/nav", "", 1)));
        model.put("currentPath", "/nav");
        model.put("year", 2026);
        model.put("status", 200);
        model.put("content", (freemarker.template.TemplateDirectiveModel)
                (env, params, loopVars, body) -> env.getOut().write("<p>one</p>\n<p>two</p>"));
        TemplateEscapingTest.addLanguage(model);
        StringWriter out = new StringWriter();
        cfg.getTemplate("web/layout.ftlh").process(model, out);
        assertTrue(
                out.toString().contains("  <main id=\"main\" class=\"wrap\">\n    <p>one</p>\n<p>two</p>\n  </main>\n"),
                out.toString());
    }
}
