package org.cec.portal.analytics.internal.impact;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/** "Our impact" in the site navigation and on the home page, after the other public pages. */
@Component
public final class ImpactNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%analytics.impact.nav.label";
    }

    @Override
    public String path() {
        return ImpactPage.PATH;
    }

    @Override
    public String description() {
        return "%analytics.impact.nav.description";
    }

    @Override
    public int rank() {
        return 80;
    }
}
