package org.cec.portal.directory.internal.pages;

import freemarker.core.Environment;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code <@kept>...</@kept>} in {@code directory/search.ftlh}: the page's content (form and results)
 * for a search, rendered once by the template itself and then kept (see {@link KeptAnswers}). The
 * first page of a search renders the body (auto-escaped like any template) and hands the markup to be
 * kept; later pages of the same search write the kept markup in its place. The layout around it
 * (header, navigation, language links, consent banner, footer) is rendered for every request. Markup
 * goes to the page's writer as the body would have written it: nothing is marked safe by hand.
 */
final class KeptMarkup implements TemplateDirectiveModel {

    /** Renders the body as it is, keeping nothing (pages with problems, the empty form). */
    static final KeptMarkup NONE = new KeptMarkup(null, null);

    private final String kept;
    private final Consumer<String> keep;

    private KeptMarkup(String kept, Consumer<String> keep) {
        this.kept = kept;
        this.keep = keep;
    }

    /** Writes {@code markup}, rendered before from the same body for the same search and language. */
    static KeptMarkup kept(String markup) {
        return new KeptMarkup(markup, null);
    }

    /** Renders the body, writes it and gives it to {@code keep}. */
    static KeptMarkup rendered(Consumer<String> keep) {
        return new KeptMarkup(null, keep);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void execute(Environment env, Map params, TemplateModel[] loopVars, TemplateDirectiveBody body)
            throws TemplateException, IOException {
        if (!params.isEmpty() || loopVars.length != 0) {
            throw new TemplateModelException("kept takes no parameters");
        }
        if (kept != null) {
            env.getOut().write(kept);
            return;
        }
        if (body == null) {
            return;
        }
        if (keep == null) {
            body.render(env.getOut());
            return;
        }
        StringWriter markup = new StringWriter(16 * 1024);
        body.render(markup);
        String text = markup.toString();
        keep.accept(text);
        env.getOut().write(text);
    }
}
