package org.cec.portal.web.internal;

import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The one servlet context every portal page shares, ours and partners' alike, so that the filters
 * of the web layer (CSRF) and its error pages apply to all of them.
 */
@Component(service = ServletContextHelper.class, property = "service.ranking:Integer=100")
@HttpWhiteboardContext(name = PortalWeb.CONTEXT_NAME, path = "/")
public final class PortalContext extends ServletContextHelper {}
