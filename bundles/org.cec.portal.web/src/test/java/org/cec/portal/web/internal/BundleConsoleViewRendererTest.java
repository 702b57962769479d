package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PageFragment;
import org.junit.jupiter.api.Test;

/** Console pages are rendered from the calling bundle's templates, escaped, without the layout. */
class BundleConsoleViewRendererTest {

    private static final ClassLoader LOADER = BundleConsoleViewRendererTest.class.getClassLoader();
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTRIBUTE = "\"'><img src=x onerror=alert(1)>";

    private final BundleConsoleViewRenderer renderer =
            new BundleConsoleViewRenderer(LOADER, ClassLoaderBundles.translations(), ClassLoaderBundles.of(LOADER));

    @Test
    void storedMarkupIsEscapedInTextAndAttributes() throws Exception {
        String html = renderer.render(
                new PageFragment(
                        "testconsole/rows.ftlh",
                        Map.of("root", "/system/console/x", "query", ATTRIBUTE, "rows", List.of(SCRIPT))),
                Languages.ENGLISH);
        assertFalse(html.contains(SCRIPT), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("value=\"&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;\""), html);
    }

    @Test
    void onlyTheFragmentIsRenderedWithoutThePortalLayout() throws Exception {
        String html = renderer.render(
                new PageFragment("testconsole/rows.ftlh", Map.of("root", "r", "query", "", "rows", List.of("a", "b"))),
                Languages.ENGLISH);
        assertTrue(html.startsWith("<form method=\"get\" action=\"r\">"), html);
        assertTrue(html.contains("<tr><td>a</td></tr>\n<tr><td>b</td></tr>"), html);
        assertFalse(html.contains("<html"), html);
    }

    @Test
    void aMissingValueFailsTheFragmentInsteadOfShowingPartOfIt() {
        assertThrows(
                TemplateException.class,
                () -> renderer.render(
                        new PageFragment("testconsole/rows.ftlh", Map.of("root", "r")), Languages.ENGLISH));
    }

    @Test
    void textsAndTheLanguageTagFollowTheLanguageOfThePage() throws Exception {
        PageFragment texts = new PageFragment("testconsole/texts.ftlh", Map.of());
        assertEquals("<div lang=\"es\"><p>Saltar al contenido</p></div>\n", renderer.render(texts, Languages.SPANISH));
        assertEquals("<div lang=\"en\"><p>Skip to content</p></div>\n", renderer.render(texts, Languages.ENGLISH));
    }
}
