package org.cec.portal.intake.internal;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/** "Request a service" in the site navigation and on the home page. */
@Component
public final class RequestNavigation implements NavigationItem {

    @Override
    public String label() {
        return "Request a service";
    }

    @Override
    public String path() {
        return RequestPage.PATH;
    }

    @Override
    public String description() {
        return "Tell us what you would like done to your home; a qualified contractor gets in touch.";
    }

    @Override
    public int rank() {
        return 10;
    }
}
