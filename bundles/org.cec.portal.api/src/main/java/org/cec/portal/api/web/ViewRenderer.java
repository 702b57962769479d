package org.cec.portal.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Renders a {@link View} inside the portal's shared layout (header, navigation, footer).
 *
 * <p>The service is bundle-scoped: the instance a bundle gets loads templates from that bundle's
 * own {@code templates/} folder through the bundle's class loader. Output of {@code .ftlh}
 * templates is HTML-escaped by default, so values from visitors can be put into the model as they
 * are.
 */
@ProviderType
public interface ViewRenderer {

    /**
     * Renders the view as a complete HTML page and writes it, with its status, to the response.
     *
     * @throws IOException when the response cannot be written; a broken template is reported as a
     *     500 error page, never with its stack trace
     */
    void render(HttpServletRequest request, HttpServletResponse response, View view) throws IOException;
}
