package org.cec.portal.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Renders a Web Console page's content from a Freemarker template of the calling bundle, for
 * console plugins ({@code felix.webconsole.label} servlets, usually extending the console's {@code
 * AbstractServlet}).
 *
 * <p>The console draws its own frame (header, menu, footer) around a plugin's content; this
 * renderer writes only the fragment, without the portal's public layout. Call it from {@code
 * renderContent}. Like {@link ViewRenderer} it is bundle-scoped: the instance a bundle gets loads
 * templates from that bundle's own {@code templates/} folder through the bundle's class loader, and
 * {@code .ftlh} templates are HTML-escaped, so stored values (a visitor's name, an error message) go
 * into the model as they are. Templates add no inline {@code <script>} or {@code style}: the
 * console's Content-Security-Policy allows only the console's own scripts.
 *
 * <p>Console pages speak the staff member's language like every page: a template gets {@code
 * msg("key", args...)}, the text of its bundle's {@code messages/messages*.properties} in {@link
 * #language} (else the portal's shared text of that key, else English), and {@code lang}, that
 * language's tag, to put on the fragment's outermost element ({@code <div lang="${lang}">}), since the
 * console's own frame is English. Texts a plugin builds in Java (a flash message, a CSV error) take
 * {@link #language} too.
 *
 * @since 1.1
 */
@ProviderType
public interface ConsoleViewRenderer {

    /**
     * Renders the fragment's template with its model and writes the HTML to the response's writer.
     * The whole fragment is rendered before anything is written: a template that fails writes no
     * part of it, is logged with its name (never the model's values) and answers 500 while the
     * response is not committed yet.
     *
     * @param fragment a template of the calling bundle, relative to its {@code templates/} folder,
     *     for example {@code consent/console/consent.ftlh}, and the values it may use
     * @throws IOException when the response cannot be written
     */
    void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment) throws IOException;

    /**
     * The language of the console page answering {@code request}, one of {@link
     * org.cec.portal.api.i18n.Languages#SUPPORTED}: the one chosen on the request ({@code ?lang=es}), else
     * the one the staff member chose on the portal (its {@value org.cec.portal.api.i18n.Languages#COOKIE}
     * cookie), else the console's ({@code felix-webconsole-locale}, else the browser's {@code
     * Accept-Language}), else English.
     *
     * @since 1.6
     */
    Locale language(HttpServletRequest request);
}
