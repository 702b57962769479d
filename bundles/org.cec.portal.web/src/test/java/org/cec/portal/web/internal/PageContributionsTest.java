package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import freemarker.core.TemplateHTMLOutputModel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.junit.jupiter.api.Test;

/** Page contributions render their bundle's templates escaped, in rank order, and a broken one is left out. */
class PageContributionsTest {

    private static final String ATTACK = "<script>alert(1)</script>";

    private static PageContribution contribution(
            PageContribution.Slot slot, int rank, Optional<PageFragment> fragment) {
        return new PageContribution() {
            @Override
            public Optional<PageFragment> contribute(HttpServletRequest request) {
                return fragment;
            }

            @Override
            public Slot slot() {
                return slot;
            }

            @Override
            public int rank() {
                return rank;
            }
        };
    }

    private static String text(List<TemplateHTMLOutputModel> fragments) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (TemplateHTMLOutputModel f : fragments) {
            sb.append(f.getOutputFormat().getMarkupString(f)).append('|');
        }
        return sb.toString();
    }

    @Test
    void fragmentsAreRenderedEscapedPerSlotInRankOrderAndBrokenOnesAreLeftOut() throws Exception {
        PortalTranslations translations = ClassLoaderBundles.translations();
        PageContributions contributions = new PageContributions(translations);
        var templates = ClassLoaderBundles.templates(translations);
        contributions.add(
                contribution(
                        PageContribution.Slot.TOP,
                        200,
                        Optional.of(new PageFragment("testfragment/notice.ftlh", Map.of("message", "second")))),
                templates);
        contributions.add(
                contribution(
                        PageContribution.Slot.TOP,
                        10,
                        Optional.of(new PageFragment("testfragment/notice.ftlh", Map.of("message", ATTACK)))),
                templates);
        contributions.add(contribution(PageContribution.Slot.BOTTOM, 1, Optional.empty()), templates);
        contributions.add(
                contribution(
                        PageContribution.Slot.BOTTOM,
                        1,
                        Optional.of(new PageFragment("testfragment/missing.ftlh", Map.of()))),
                templates);
        contributions.add(
                new PageContribution() {
                    @Override
                    public Optional<PageFragment> contribute(HttpServletRequest request) {
                        throw new IllegalStateException("broken plugin");
                    }
                },
                templates);

        var rendered = contributions.render(
                mock(HttpServletRequest.class), Map.of("currentPath", "/x"), java.util.Locale.ENGLISH);

        String top = text(rendered.get("top"));
        assertEquals(2, rendered.get("top").size(), top);
        assertTrue(top.indexOf("&lt;script&gt;") < top.indexOf("second"), "rank order: " + top);
        assertTrue(top.contains("on /x"), "the common model is there: " + top);
        assertTrue(!top.contains(ATTACK), top);
        assertEquals(List.of(), rendered.get("bottom"), "empty and broken contributions show nothing");
    }
}
