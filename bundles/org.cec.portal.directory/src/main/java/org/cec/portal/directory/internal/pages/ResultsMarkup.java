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
 * {@code <@keptResults>...</@keptResults>} in {@code directory/search.ftlh}: the results of a search,
 * rendered once by the template itself and then kept (see {@link KeptAnswers}). The first page of a
 * search renders the body (auto-escaped like the rest of the template) and hands the markup to be kept;
 * later pages of the same search write the kept markup in its place. The rest of the page (layout,
 * form, CSRF, consent banner) is rendered for every request. Markup goes to the page's writer as the
 * body would have written it: nothing is marked safe by hand.
 */
final class ResultsMarkup implements TemplateDirectiveModel {

    private final String kept;
    private final Consumer<String> keep;

    private ResultsMarkup(String kept, Consumer<String> keep) {
        this.kept = kept;
        this.keep = keep;
    }

    /** Writes {@code markup}, rendered before from the same body for the same search and language. */
    static ResultsMarkup kept(String markup) {
        return new ResultsMarkup(markup, null);
    }

    /** Renders the body, writes it and gives it to {@code keep}. */
    static ResultsMarkup rendered(Consumer<String> keep) {
        return new ResultsMarkup(null, keep);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void execute(Environment env, Map params, TemplateModel[] loopVars, TemplateDirectiveBody body)
            throws TemplateException, IOException {
        if (!params.isEmpty() || loopVars.length != 0) {
            throw new TemplateModelException("keptResults takes no parameters");
        }
        if (kept != null) {
            env.getOut().write(kept);
            return;
        }
        if (body == null) {
            return;
        }
        StringWriter markup = new StringWriter(16 * 1024);
        body.render(markup);
        String text = markup.toString();
        keep.accept(text);
        env.getOut().write(text);
    }
}
