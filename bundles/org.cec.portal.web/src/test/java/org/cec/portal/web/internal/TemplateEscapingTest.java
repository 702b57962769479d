package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.template.Configuration;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portal's own templates escape every value a visitor or plugin can influence. */
class TemplateEscapingTest {

    private static final String ATTACK = "<script>alert(1)</script>";

    private String render(String template, Map<String, Object> model) throws Exception {
        Configuration cfg = Pages.newConfiguration(Pages.class.getClassLoader());
        StringWriter out = new StringWriter();
        cfg.getTemplate(template).process(model, out);
        return out.toString();
    }

    private Map<String, Object> layoutModel() throws Exception {
        Map<String, Object> model = new HashMap<>();
        model.put("site", Map.of("name", ATTACK, "operator", ATTACK, "privacyPath", "/privacy"));
        model.put("title", ATTACK);
        model.put("navigation", List.of(new Navigation.Entry(ATTACK, "/x\"onmouseover=\"alert(1)", ATTACK, 1)));
        model.put("currentPath", "/");
        model.put("year", 2026);
        model.put("status", 200);
        model.put("content", (freemarker.template.TemplateDirectiveModel)
                (env, params, loopVars, body) -> env.getOut().write("<p>ok</p>"));
        addLanguage(model);
        return model;
    }

    /** What Pages adds to every layout model: the texts, the language and its switcher links. */
    static void addLanguage(Map<String, Object> model) {
        BundleMessages common = ClassLoaderBundles.translations().common();
        model.put("msg", new TemplateMessages(common, common, java.util.Locale.ENGLISH));
        model.put("lang", "en");
        model.put(
                "languages",
                List.of(
                        new LanguageLinks.Link(
                                "en",
                                LanguageLinks.asciiMarkup("English"),
                                "/?lang=en",
                                "http://localhost/?lang=en",
                                true),
                        new LanguageLinks.Link(
                                "es",
                                LanguageLinks.asciiMarkup("Espa\u00f1ol"),
                                "/?lang=es",
                                "http://localhost/?lang=es",
                                false)));
    }

    @Test
    void aScriptGivenAsValueIsRenderedEscapedInTheLayout() throws Exception {
        String html = render("web/layout.ftlh", layoutModel());
        assertFalse(html.contains(ATTACK), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("\"onmouseover=\""), "attribute values are escaped too");
        assertTrue(html.contains("<p>ok</p>"), "the page's own (already escaped) markup is kept");
    }

    @Test
    void errorAndHomePagesEscapeTheirValues() throws Exception {
        Map<String, Object> model = layoutModel();
        model.put("heading", ATTACK);
        model.put("text", ATTACK);
        model.put("reason", "csrf.refused.no-token");
        model.put("explained", 400);
        model.put("modules", List.of(new Navigation.Entry(ATTACK, "/a", ATTACK, 1)));
        for (String template : List.of("web/error.ftlh", "web/home.ftlh")) {
            String html = render(template, model);
            assertFalse(html.contains(ATTACK), template + ": " + html);
        }
    }
}
