/**
 * Web contributions of the partner SDK: pages in the portal's shared servlet context, entries of
 * the site navigation, the {@link org.cec.portal.api.web.ViewRenderer} that renders a bundle's
 * own Freemarker templates inside the portal layout, and the {@link
 * org.cec.portal.api.web.ConsoleViewRenderer} that renders them as the content of a Web Console
 * page (1.1).
 *
 * <p>A page is a Jakarta {@code Servlet} registered on the OSGi Servlet Whiteboard that selects
 * the portal context ({@link org.cec.portal.api.web.PortalWeb#CONTEXT_SELECT}); it then gets the
 * portal's security headers, CSRF protection and error pages for free. A servlet that protects its
 * state-changing requests in its own way (a signed link, a shared secret) can be exempted from the
 * CSRF check with {@link org.cec.portal.api.web.PortalWeb#CSRF_EXEMPT} (1.3). A bundle describes its
 * JSON APIs for the portal's OpenAPI document with the header {@link
 * org.cec.portal.api.web.PortalWeb#OPENAPI_HEADER} (1.5).
 */
@Version("1.6.0")
package org.cec.portal.api.web;

import org.osgi.annotation.versioning.Version;
