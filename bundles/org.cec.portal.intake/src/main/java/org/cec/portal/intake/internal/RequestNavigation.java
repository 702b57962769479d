package org.cec.portal.intake.internal;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/** "Request a service" in the site navigation and on the home page (texts: the intake bundle's messages). */
@Component
public final class RequestNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%intake.nav.label";
    }

    @Override
    public String path() {
        return RequestPage.PATH;
    }

    @Override
    public String description() {
        return "%intake.nav.description";
    }

    @Override
    public int rank() {
        return 10;
    }
}
